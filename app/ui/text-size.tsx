import { createContext, use, useEffect, useMemo, type ReactNode } from 'react';
import { storedPreference, usePreference } from './stored-preference.ts';

export const textSizes = ['standard', 'large'] as const;
export type TextSize = (typeof textSizes)[number];

interface TextSizeSetting {
  textSize: TextSize;
  setTextSize: (size: TextSize) => void;
}

const TextSizeContext = createContext<TextSizeSetting | null>(null);

/** Read before the first paint, like the language, so that it is already in the chosen size. */
const textSizePreference = storedPreference<TextSize>('suishen.text-size', textSizes, 'standard');

/**
 * Large-text mode (适老化): every size in theme.css is relative to the root font size, so one attribute
 * on <html> enlarges all text and controls together.
 */
export function TextSizeProvider({ children }: { children: ReactNode }) {
  const [textSize, setTextSize] = usePreference(textSizePreference);

  useEffect(() => {
    document.documentElement.dataset.textSize = textSize;
  }, [textSize]);

  const value = useMemo(() => ({ textSize, setTextSize }), [textSize, setTextSize]);
  return <TextSizeContext value={value}>{children}</TextSizeContext>;
}

export function useTextSize(): TextSizeSetting {
  const context = use(TextSizeContext);
  if (!context) throw new Error('useTextSize needs a TextSizeProvider above it');
  return context;
}
