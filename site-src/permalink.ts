// The page's state in the URL fragment, so the address bar is always a
// permalink: `#shell=ID&script=BASE64URL` (UTF-8, base64url keeps it unescaped).
export interface PageState {
  script: string;
  /** A dialect id, or 'auto'. */
  shell: string;
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(code: string): string | undefined {
  try {
    const binary = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

export function encodeState(state: PageState): string {
  const params = new URLSearchParams();
  if (state.shell !== 'auto') params.set('shell', state.shell);
  params.set('script', toBase64Url(state.script));
  return `#${params}`;
}

/** The state a fragment holds; what it lacks or cannot decode comes from `fallback`. */
export function decodeState(hash: string, fallback: PageState): PageState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const script = params.has('script') ? fromBase64Url(params.get('script')!) : undefined;
  return { script: script ?? fallback.script, shell: params.get('shell') ?? fallback.shell };
}
