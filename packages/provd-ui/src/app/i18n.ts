/** English and French. The page's locale comes from the language menu, else the browser. */
const en = {
  'nav.devices': 'Devices', 'nav.configs': 'Configs', 'nav.plugins': 'Plugins', 'nav.settings': 'Settings',
  'login.title': 'Sign in', 'login.token': 'Access token', 'login.help': 'A provd token with the ACLs of the pages you use. The first admin token is in the data directory, file admin-token.', 'login.submit': 'Sign in', 'login.bad': 'This token was refused.', 'logout': 'Sign out',
  'devices.title': 'Devices', 'devices.search': 'Search', 'devices.field': 'Field', 'devices.empty': 'No device matches.', 'devices.prev': 'Previous', 'devices.next': 'Next', 'devices.page': 'Devices {from}–{to}',
  'col.mac': 'MAC', 'col.ip': 'IP', 'col.vendor': 'Vendor', 'col.model': 'Model', 'col.version': 'Version', 'col.plugin': 'Plugin', 'col.config': 'Config', 'col.status': 'Status', 'col.id': 'Id', 'col.description': 'Description',
  'status.configured': 'configured', 'status.notConfigured': 'not configured', 'status.error': 'error: {message}',
  'device.title': 'Device {id}', 'device.save': 'Save', 'device.saved': 'Device saved.', 'device.reconfigure': 'Reconfigure', 'device.reconfigured': 'Device reconfigured.', 'device.synchronize': 'Synchronize', 'device.synchronized': 'Synchronize: {state}', 'device.delete': 'Delete', 'device.confirmDelete': 'Delete device {id}?', 'device.deleted': 'Device deleted.', 'device.back': 'Back to devices', 'device.raw': 'Full document (JSON)', 'device.badJson': 'Not valid JSON: {message}', 'device.files': 'Files served to this device (secrets masked)', 'device.fileSize': '{size} bytes', 'device.binary': 'Binary file: no preview.', 'device.noFiles': 'No file is served to this device (no plugin, no config, or not configured).',
  'configs.title': 'Configs', 'configs.tree': 'Inheritance tree', 'config.title': 'Config {id}', 'config.parents': 'Parent ids (comma separated)', 'config.raw': 'raw_config (JSON)', 'config.flat': 'Flattened raw config (with its parents and the base)', 'config.save': 'Save', 'config.saved': 'Config saved.', 'config.back': 'Back to configs',
  'plugins.title': 'Plugins', 'plugins.installed': 'Installed', 'plugins.installable': 'Installable', 'plugins.update': 'Update the list', 'plugins.install': 'Install', 'plugins.upgrade': 'Upgrade to {version}', 'plugins.uninstall': 'Uninstall', 'plugins.packages': 'Packages', 'plugins.none': 'None.', 'plugins.models': 'Models', 'plugins.uninstalled': 'Plugin {id} uninstalled.', 'plugins.confirmUninstall': 'Uninstall plugin {id}?',
  'op.progress': '{label}: {state}', 'op.failed': '{label} failed: {detail}',
  'settings.title': 'Settings', 'settings.save': 'Save', 'settings.saved': '{id} saved.', 'settings.clear': 'Clear', 'settings.channel': 'Channel', 'settings.status': 'Status', 'settings.operations': 'Running operations', 'settings.noOperations': 'No operation in progress.', 'settings.refresh': 'Refresh',
  'param.plugin_server': 'Plugin server', 'param.http_proxy': 'HTTP proxy', 'param.https_proxy': 'HTTPS proxy', 'param.ftp_proxy': 'FTP proxy', 'param.locale': 'Locale', 'param.NAT': 'NAT (phones behind NAT)', 'param.provisioning_key': 'Provisioning key',
  'error.generic': 'Error {status}: {message}', 'loading': 'Loading…',
};
type Key = keyof typeof en;
const fr: Record<Key, string> = {
  'nav.devices': 'Appareils', 'nav.configs': 'Configurations', 'nav.plugins': 'Greffons', 'nav.settings': 'Réglages',
  'login.title': 'Connexion', 'login.token': 'Jeton d’accès', 'login.help': 'Un jeton provd portant les ACL des pages utilisées. Le premier jeton administrateur est dans le dossier de données, fichier admin-token.', 'login.submit': 'Se connecter', 'login.bad': 'Ce jeton a été refusé.', 'logout': 'Se déconnecter',
  'devices.title': 'Appareils', 'devices.search': 'Rechercher', 'devices.field': 'Champ', 'devices.empty': 'Aucun appareil ne correspond.', 'devices.prev': 'Précédent', 'devices.next': 'Suivant', 'devices.page': 'Appareils {from} à {to}',
  'col.mac': 'MAC', 'col.ip': 'IP', 'col.vendor': 'Fabricant', 'col.model': 'Modèle', 'col.version': 'Version', 'col.plugin': 'Greffon', 'col.config': 'Configuration', 'col.status': 'État', 'col.id': 'Identifiant', 'col.description': 'Description',
  'status.configured': 'configuré', 'status.notConfigured': 'non configuré', 'status.error': 'erreur : {message}',
  'device.title': 'Appareil {id}', 'device.save': 'Enregistrer', 'device.saved': 'Appareil enregistré.', 'device.reconfigure': 'Reconfigurer', 'device.reconfigured': 'Appareil reconfiguré.', 'device.synchronize': 'Synchroniser', 'device.synchronized': 'Synchronisation : {state}', 'device.delete': 'Supprimer', 'device.confirmDelete': 'Supprimer l’appareil {id} ?', 'device.deleted': 'Appareil supprimé.', 'device.back': 'Retour aux appareils', 'device.raw': 'Document complet (JSON)', 'device.badJson': 'JSON invalide : {message}', 'device.files': 'Fichiers servis à cet appareil (secrets masqués)', 'device.fileSize': '{size} octets', 'device.binary': 'Fichier binaire : pas d’aperçu.', 'device.noFiles': 'Aucun fichier n’est servi à cet appareil (pas de greffon, pas de configuration, ou non configuré).',
  'configs.title': 'Configurations', 'configs.tree': 'Arbre d’héritage', 'config.title': 'Configuration {id}', 'config.parents': 'Parents (séparés par des virgules)', 'config.raw': 'raw_config (JSON)', 'config.flat': 'Configuration aplatie (avec ses parents et la base)', 'config.save': 'Enregistrer', 'config.saved': 'Configuration enregistrée.', 'config.back': 'Retour aux configurations',
  'plugins.title': 'Greffons', 'plugins.installed': 'Installés', 'plugins.installable': 'Installables', 'plugins.update': 'Mettre à jour la liste', 'plugins.install': 'Installer', 'plugins.upgrade': 'Passer à {version}', 'plugins.uninstall': 'Désinstaller', 'plugins.packages': 'Paquets', 'plugins.none': 'Aucun.', 'plugins.models': 'Modèles', 'plugins.uninstalled': 'Greffon {id} désinstallé.', 'plugins.confirmUninstall': 'Désinstaller le greffon {id} ?',
  'op.progress': '{label} : {state}', 'op.failed': '{label} a échoué : {detail}',
  'settings.title': 'Réglages', 'settings.save': 'Enregistrer', 'settings.saved': '{id} enregistré.', 'settings.clear': 'Effacer', 'settings.channel': 'Canal', 'settings.status': 'État du service', 'settings.operations': 'Opérations en cours', 'settings.noOperations': 'Aucune opération en cours.', 'settings.refresh': 'Actualiser',
  'param.plugin_server': 'Serveur de greffons', 'param.http_proxy': 'Proxy HTTP', 'param.https_proxy': 'Proxy HTTPS', 'param.ftp_proxy': 'Proxy FTP', 'param.locale': 'Langue', 'param.NAT': 'NAT (téléphones derrière un NAT)', 'param.provisioning_key': 'Clé de provisionnement',
  'error.generic': 'Erreur {status} : {message}', 'loading': 'Chargement…',
};
const dictionaries = { en, fr } as const;
export type Locale = keyof typeof dictionaries;
const LOCALE_KEY = 'dialtone.provd.locale';

export function currentLocale(): Locale {
  const chosen = localStorage.getItem(LOCALE_KEY);
  if (chosen === 'en' || chosen === 'fr') return chosen;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setLocale(locale: Locale): void {
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}

export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[currentLocale()][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

/** A plugin's description in the page's locale (`description_fr`), else the default one. */
export function localized(info: Record<string, unknown>, key: string): string {
  const value = info[`${key}_${currentLocale()}`] ?? info[key];
  return typeof value === 'string' ? value : '';
}
