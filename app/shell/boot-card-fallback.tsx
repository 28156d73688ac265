import { useEffect, useLayoutEffect } from 'react';
import { releaseBootCard } from '../boot/hand-over.ts';
import { useLocation } from '../navigation/navigation.tsx';

/** Past this after the app's first commit, the app's own screen shows even if its panel has not drawn a code. */
const fallbackMs = 5_000;

/**
 * The panel's code card takes over from the boot module's painted card (features/health-code-panel). When the
 * app decides otherwise (another page, a login the session needs) or its panel never gets there, its own
 * screen is shown anyway: the painted card never stays over an app that has moved on.
 */
export function BootCardFallback() {
  const { pathname, search } = useLocation();
  useLayoutEffect(() => {
    if (pathname !== '/' || search !== '') releaseBootCard();
  }, [pathname, search]);
  useEffect(() => {
    const timer = setTimeout(releaseBootCard, fallbackMs);
    return () => clearTimeout(timer);
  }, []);
  return null;
}
