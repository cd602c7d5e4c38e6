import {
  connect,
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type RecoveringChannelModel,
} from 'amqplib';
import { COMMAND_EXCHANGE } from '@sportclub/contracts';
import type { CommandPublisher, OutgoingCommand } from '../ports';

export interface RabbitSettings {
  url: string;
  /** Shown as the connection name in the broker's management views. */
  connectionName: string;
}

type Setup = (model: ChannelModel) => Promise<void>;

/**
 * One AMQP connection per process with amqplib's own recovery: after every (re)connect the registered
 * setups run again (topology, consumers), and commands go out on a confirm channel, so `send` resolves
 * only once the broker has taken responsibility for the message.
 */
export class RabbitConnection implements CommandPublisher {
  private recovering?: RecoveringChannelModel;
  private model?: ChannelModel;
  private publishChannel?: ConfirmChannel;
  private probeChannel?: Channel;
  private readonly setups: Setup[] = [];

  constructor(private readonly settings: RabbitSettings) {}

  async connect(): Promise<void> {
    if (this.recovering) return;
    this.recovering = await connect(this.settings.url, {
      // Without it Nagle's algorithm holds small frames (acks, confirms, replies) for up to 40 ms.
      noDelay: true,
      clientProperties: { connection_name: this.settings.connectionName },
      recovery: {
        initialDelay: 200,
        maxDelay: 5_000,
        initialMaxRetries: 3,
        setup: async (model: ChannelModel) => {
          this.model = model;
          this.publishChannel = await model.createConfirmChannel();
          this.probeChannel = undefined;
          for (const setup of this.setups) await setup(model);
        },
      },
    });
    this.recovering.on('disconnect', () => {
      this.model = this.publishChannel = this.probeChannel = undefined;
    });
    this.recovering.on('error', () => undefined);
  }

  /** Runs now when connected and again after every reconnect. */
  async onConnect(setup: Setup): Promise<void> {
    this.setups.push(setup);
    if (this.model) await setup(this.model);
  }

  async send(command: OutgoingCommand): Promise<void> {
    const channel = this.publishChannel;
    if (!channel) throw new Error('RabbitMQ is not connected');
    await new Promise<void>((resolve, reject) => {
      channel.publish(
        command.exchange ?? COMMAND_EXCHANGE,
        command.routingKey,
        Buffer.isBuffer(command.body) ? command.body : Buffer.from(command.body),
        {
          persistent: true,
          mandatory: true,
          contentType: 'application/json',
          messageId: command.messageId,
          correlationId: command.correlationId,
          replyTo: command.replyTo,
          headers: command.headers,
          timestamp: Math.floor(Date.now() / 1000),
        },
        (error: unknown) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
      );
    });
  }

  /** A plain channel for tools (the operator CLI, tests); the caller closes it. */
  async openChannel(): Promise<Channel> {
    if (!this.model) throw new Error('RabbitMQ is not connected');
    const channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    return channel;
  }

  /** A real round trip: asks the broker whether the queue exists and how deep it is. */
  async probeQueue(queue: string): Promise<{ messages: number; consumers: number }> {
    const model = this.model;
    if (!model) throw new Error('RabbitMQ is not connected');
    if (!this.probeChannel) {
      const channel = await model.createChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => this.probeChannel === channel && (this.probeChannel = undefined));
      this.probeChannel = channel;
    }
    const { messageCount, consumerCount } = await this.probeChannel.checkQueue(queue);
    return { messages: messageCount, consumers: consumerCount };
  }

  async close(): Promise<void> {
    const recovering = this.recovering;
    this.recovering = this.model = this.publishChannel = this.probeChannel = undefined;
    await recovering?.close().catch(() => undefined);
  }
}
