/**
 * Retransmission timeout in the manner of RFC 6298: a smoothed round-trip
 * time and its variance from ACKs of blocks sent once (Karn's rule is the
 * caller's job), doubled on every timeout. A client-chosen `timeout` option
 * (RFC 2349) pins it instead.
 */
export class RetransmitTimer {
  private srtt = -1;
  private rttvar = 0;
  private rto: number;

  constructor(
    initialMs: number,
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly fixedMs: number | undefined,
  ) {
    this.rto = fixedMs ?? initialMs;
  }

  get currentMs(): number {
    return this.rto;
  }

  sample(rttMs: number): void {
    if (this.fixedMs !== undefined) return;
    if (this.srtt < 0) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
      this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
    }
    this.rto = Math.min(this.maxMs, Math.max(this.minMs, this.srtt + 4 * this.rttvar));
  }

  backoff(): void {
    if (this.fixedMs !== undefined) return;
    this.rto = Math.min(this.maxMs, this.rto * 2);
  }
}
