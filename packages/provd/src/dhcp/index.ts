export { literalPrefix, vendorClasses, type SkippedRule, type VendorClass } from './vendor-classes.js';
export { DHCP_SERVER_KINDS, renderDnsmasq, renderIsc, renderKea, type DhcpConfigInput, type DhcpServerKind, type KeaConfig } from './render.js';
export { DhcpConfigSource } from './source.js';
