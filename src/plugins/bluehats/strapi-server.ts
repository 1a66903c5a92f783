/** Server entry of the local plugin, compiled with the app (see config/plugins.ts for where it is loaded from). */
import plugin from './server/src';

export default plugin;
