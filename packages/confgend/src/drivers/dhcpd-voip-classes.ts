/**
 * Driver dhcpd/voip-classes.conf: serves the ISC dhcpd vendor classes provd generates from its
 * installed plugins, read from provd's `GET /0.2/dhcp_mgr/config/isc` (text).
 *
 * NOT registered as a built-in yet: that provd route does not exist in this release (the DHCP
 * issue adds it), so this driver has only been tested against provd answering 404. Register it
 * through a drivers folder or package once provd has the route.
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
