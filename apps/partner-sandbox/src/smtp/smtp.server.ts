import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { SandboxConfig } from '../config/sandbox.config';
import { FaultsService } from '../faults/faults.service';
import { SmtpMailbox } from './smtp.mailbox';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** An SMTP reply the server sends for a refused command. */
const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * A real SMTP server (the `smtp-server` package) on SMTP_PORT beside the HTTP one: plain text, no
 * STARTTLS, AUTH PLAIN/LOGIN optional and any login accepted. Accepted messages are parsed
 * (`mailparser`) into the mailbox. Recipients the mailbox says bounce are refused at RCPT TO with
 * `550 5.1.1`. Faults (`/__admin/faults/smtp`): `down` answers 421 at connect and at MAIL FROM
 * (closing the connection, as RFC 5321 has it), `errorRate` the same at random per message,
 * `tooManyRequests` refuses each MAIL FROM with `454 4.7.0` and `latencyMs` delays each MAIL FROM.
 *
 * SMTP has no 429 and no Retry-After. A sending-rate limit is a transient (4yz) refusal of the message
 * with the session left open, worded as Amazon SES's SMTP interface words it ("454 Throttling failure:
 * Maximum sending rate exceeded"); `retryAfterSeconds` goes in the reply text, for people only.
 */
@Injectable()
export class SmtpSandboxServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SmtpSandboxServer');
  private readonly server: SMTPServer;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: SandboxConfig,
    private readonly mailbox: SmtpMailbox,
    private readonly faults: FaultsService,
  ) {
    this.server = new SMTPServer({
      banner: 'partner-sandbox ESMTP',
      authOptional: true,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      hideENHANCEDSTATUSCODES: false,
      size: MAX_MESSAGE_BYTES,
      logger: false,
      // Pooled clients keep connections open; shutdown should not wait for them.
      closeTimeout: 1_000,
      onConnect: (_session, callback) => callback(this.outage() ? reply(421, 'Service not available') : null),
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onMailFrom: (_address, session, callback) => void this.mailFrom(session, callback),
      onRcptTo: (address, _session, callback) =>
        callback(
          this.mailbox.bounces(address.address)
            ? reply(550, `<${address.address}>: Recipient address rejected: User unknown`)
            : null,
        ),
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
              return callback(reply(552, 'Message exceeds fixed maximum message size'));
            }
            const received = this.mailbox.deliver(envelopeOf(session), authUser(session), mail);
            callback(null, `Ok: queued as ${received.id}`);
          })
          .catch((error: Error) => callback(reply(451, `Requested action aborted: ${error.message}`)));
      },
    });
    this.server.on('error', (error) => this.logger.error(`SMTP server: ${error.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    const { SMTP_PORT: port, HOST: host } = this.config;
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) =>
        reject(new Error(`SMTP server cannot listen on ${host}:${port}: ${error.message}`));
      this.server.server.once('error', failed);
      this.server.listen(port, host, () => {
        this.server.server.off('error', failed);
        resolve();
      });
    });
    this.logger.log(`SMTP on ${host}:${port}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async mailFrom(session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
    const { latencyMs, tooManyRequests, retryAfterSeconds } = this.faults.get('smtp');
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (tooManyRequests) {
      const wait = `try again in ${retryAfterSeconds} s`;
      return callback(reply(454, `Throttling failure: Maximum sending rate exceeded (${wait})`));
    }
    if (!this.outage()) return callback();
    callback(reply(421, 'Service not available, closing transmission channel'));
    // 421 ends the session: the server closes its side once the reply is out.
    const connection = [...this.connections()].find((c) => c.id === session.id);
    setImmediate(() => connection?.close());
  }

  private outage(): boolean {
    const { down, errorRate } = this.faults.get('smtp');
    return down || Math.random() < errorRate;
  }

  private connections(): Set<{ id: string; close(): void }> {
    return (this.server as unknown as { connections: Set<{ id: string; close(): void }> }).connections;
  }
}

const envelopeOf = (session: SMTPServerSession) => ({
  mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
  rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
});

const authUser = (session: SMTPServerSession): string | undefined =>
  typeof session.user === 'string' ? session.user : undefined;
