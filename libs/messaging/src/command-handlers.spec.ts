import { defineMessage, type ServiceName } from '@sportclub/contracts';
import { CommandHandlerRegistry } from './command-handlers';

const Shelve = defineMessage<{ sku: string }>({
  type: 'shop.shelve.v1',
  kind: 'command',
  service: 'shop' as ServiceName,
  summary: 'a test command',
  schema: { type: 'object', properties: { sku: { type: 'string' } } },
});
const Shelved = defineMessage<{ sku: string }>({
  type: 'shop.item.shelved.v1',
  kind: 'event',
  topic: 'shop.item.v1',
  summary: 'a test event',
  schema: Shelve.schema,
});
const handle = async () => undefined;

describe('CommandHandlerRegistry', () => {
  it('hands the consumer each registration once, by type, unbatched unless asked', () => {
    const registry = new CommandHandlerRegistry();
    registry.register(Shelve, handle);
    registry.register('shop.shelve.result.v1', handle, { batched: true });
    expect(registry.take()).toEqual([
      { type: 'shop.shelve.v1', handle, batched: false, callsVendor: false, carriesSecrets: false },
      { type: 'shop.shelve.result.v1', handle, batched: true, callsVendor: false, carriesSecrets: false },
    ]);
  });

  it('refuses an event, a type registered twice, and a registration after the consumer started', () => {
    const registry = new CommandHandlerRegistry();
    expect(() => registry.register(Shelved, handle)).toThrow(/is an event/);
    registry.register(Shelve, handle);
    expect(() => registry.register('shop.shelve.v1', handle)).toThrow(/registered twice/);
    registry.take();
    expect(() => registry.register('shop.other.v1', handle)).toThrow(/has started/);
  });
});
