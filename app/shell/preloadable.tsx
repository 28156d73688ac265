import { lazy, useState, type ComponentType } from 'react';

/**
 * React.lazy with a preload(). A lazy screen suspends on its first render even when its module has
 * long been fetched, and once React shows a Suspense fallback it keeps it up for at least 300 ms: a
 * preloaded screen skips both and renders at once.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> => {
    pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Screen(props: P) {
    // Chosen once per mount: switching from Lazy to the loaded component later would remount it and lose its state.
    const [Chosen] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Chosen {...props} />;
  }
  return Object.assign(Screen, { preload });
}
