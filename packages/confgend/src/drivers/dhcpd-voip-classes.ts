/**
 * Driver dhcpd/voip-classes.conf: serves the ISC dhcpd vendor classes provd generates from its
 * installed plugins, read from provd's `GET /0.2/dhcp_mgr/config/isc` (text).
 */
import type { Driver, DriverContext } from '../driver.js';
import { provdRequest } from './provd-rest.js';

export class DhcpdVoipClassesDriver implements Driver {
  constructor(private readonly context: DriverContext) {}

  async generate(): Promise<string> {
    const { config, signal } = this.context;
    const response = await provdRequest(config, '/0.2/dhcp_mgr/config/isc', signal, 'text/plain, */*');
    return response.text();
  }
}
