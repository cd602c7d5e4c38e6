import { Client } from 'pg';

interface Logger {
  warn(message: string): void;
}

/**
 * LISTEN on a dedicated connection for wake-ups that must follow a commit (NOTIFY is delivered only
 * once its transaction commits, to every replica). Reconnects while running; after each (re)connect
 * every listener is called once, since notifications sent meanwhile are lost.
 */
export class PgNotificationsListener {
  private readonly listeners = new Map<string, (() => void)[]>();
  private client?: Client;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  on(channel: string, listener: () => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }

  /** Resolves once the first LISTEN is in place. */
  async start(): Promise<void> {
    this.running = true;
    let listening!: () => void;
    const first = new Promise<void>((resolve) => (listening = resolve));
    this.loop = this.run(listening);
    await first;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private async run(listening: () => void): Promise<void> {
    while (this.running) {
      const client = new Client({
        connectionString: this.databaseUrl,
        application_name: 'iot-bridge-listen',
      });
      this.client = client;
      try {
        const closed = new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
        await client.connect();
        client.on('notification', (n) => this.listeners.get(n.channel)?.forEach((l) => l()));
        for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
        listening();
        this.listeners.forEach((ls) => ls.forEach((l) => l()));
        await closed;
      } catch (error) {
        if (this.running) this.logger.warn(`LISTEN connection failed: ${(error as Error).message}`);
      }
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((r) => setTimeout(r, 1_000));
    }
    listening();
  }
}
