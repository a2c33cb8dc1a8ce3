// The bundled language server's entry (scripts/bundle-extension.js makes
// dist/server.js from it): what bin/aliascope-lsp.js does for the npm package.
import { main } from './main';

main(process.argv.slice(2));
