// Scripts are bundled as text (esbuild's text loader).
declare module '*.sh' {
  const text: string;
  export default text;
}
