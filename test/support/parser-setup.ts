// Every suite analyses with the parser a user's process would get:
// native where it loads, or the one ALIASCOPE_PARSER names.
import { selectParser } from '../../host/parser';

await selectParser();
