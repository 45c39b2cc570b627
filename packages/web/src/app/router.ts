// The page path, kept in step with the History API.
import { useEffect, useState } from 'react';

export function usePath(): [string, (p: string) => void] {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (p: string) => {
    if (p !== window.location.pathname) window.history.pushState(null, '', p);
    setPath(p);
  };
  return [path, navigate];
}

/** The resource name of `/r/<name>/overview`, or undefined for other pages. */
export function resourceOfPath(path: string): string | undefined {
  const m = /^\/r\/([^/]+)(?:\/overview)?\/?$/.exec(path);
  return m === null ? undefined : decodeURIComponent(m[1] as string);
}
