import type { PluginFactory } from '@dialtone/plugin-sdk';

/** The `null` plugin: assign it to a device to ignore it. It serves nothing and never associates. */
const createNullPlugin: PluginFactory = () => ({ http: false, tftp: false });
export default createNullPlugin;
