import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';

export type TextSize = 'standard' | 'large';

interface TextSizeSetting {
  textSize: TextSize;
  setTextSize: (size: TextSize) => void;
}

const TextSizeContext = createContext<TextSizeSetting | null>(null);

/** In localStorage, like the language, because the first paint must already be in the chosen size. */
const storageKey = 'suishen.text-size';

function storedTextSize(): TextSize {
  try {
    return localStorage.getItem(storageKey) === 'large' ? 'large' : 'standard';
  } catch {
    return 'standard';
  }
}

/**
 * Large-text mode (适老化): every size in theme.css is relative to the root font size, so one attribute
 * on <html> enlarges all text and controls together.
 */
export function TextSizeProvider({ children }: { children: ReactNode }) {
  const [textSize, setState] = useState<TextSize>(storedTextSize);

  useEffect(() => {
    document.documentElement.dataset.textSize = textSize;
  }, [textSize]);

  const setTextSize = useCallback((size: TextSize) => {
    setState(size);
    try {
      localStorage.setItem(storageKey, size);
    } catch {
      // Private mode or a full quota: the choice still holds for this visit.
    }
  }, []);

  const value = useMemo(() => ({ textSize, setTextSize }), [textSize, setTextSize]);
  return <TextSizeContext value={value}>{children}</TextSizeContext>;
}

export function useTextSize(): TextSizeSetting {
  const context = use(TextSizeContext);
  if (!context) throw new Error('useTextSize needs a TextSizeProvider above it');
  return context;
}
