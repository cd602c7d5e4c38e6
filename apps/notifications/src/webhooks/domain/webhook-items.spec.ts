import {
  MalformedWebhookError,
  isOptOut,
  metaItems,
  twilioInboundItems,
  twilioStatusItems,
} from './webhook-items';

describe('webhook items', () => {
  it('reads Twilio status callbacks, ignoring the ones that say nothing new', () => {
    expect(twilioStatusItems({ MessageSid: 'SM1', MessageStatus: 'queued' })).toEqual([]);
    expect(twilioStatusItems({ MessageSid: 'SM1', MessageStatus: 'delivered' })).toEqual([
      {
        type: 'status',
        eventId: 'SM1:delivered',
        provider: 'twilio',
        providerMessageId: 'SM1',
        status: 'delivered',
      },
    ]);
    expect(
      twilioStatusItems({ MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '63003' }, 'tok-1'),
    ).toEqual([expect.objectContaining({ eventId: 'tok-1', status: 'failed', reason: 'Twilio 63003' })]);
  });

  it('reads an inbound Twilio WhatsApp message', () => {
    const [item] = twilioInboundItems(
      { MessageSid: 'SM9', From: 'whatsapp:+5511987654321', Body: 'Sair' },
      new Date(0),
    );
    expect(item).toMatchObject({ type: 'inbound', from: '+5511987654321', text: 'Sair' });
  });

  it('reads each status and message of a Meta webhook as its own item', () => {
    const items = metaItems({
      object: 'whatsapp_business_account',
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                statuses: [
                  { id: 'wamid.A', status: 'read' },
                  {
                    id: 'wamid.B',
                    status: 'failed',
                    errors: [{ code: 131026, message: 'Message undeliverable' }],
                  },
                ],
                messages: [
                  {
                    id: 'wamid.C',
                    from: '5511987654321',
                    timestamp: '1764626400',
                    type: 'text',
                    text: { body: 'oi' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(items.map((i) => i.eventId)).toEqual(['wamid.A:read', 'wamid.B:failed', 'wamid.C']);
    expect(items[1]).toMatchObject({ reason: 'WhatsApp 131026: Message undeliverable' });
    expect(items[2]).toMatchObject({ from: '+5511987654321', receivedAt: '2025-12-01T22:00:00.000Z' });
    expect(metaItems(null)).toEqual([]);
    expect(metaItems({ entry: [{ changes: [{ field: 'account_update', value: {} }] }] })).toEqual([]);
  });

  it('knows the opt-out words, in any case and with punctuation', () => {
    for (const word of ['SAIR', 'sair', ' Sair! ', 'STOP', 'parar.', 'Cancelar'])
      expect(isOptOut(word)).toBe(true);
    for (const text of ['sair da aula', 'oi', '', 'stop please']) expect(isOptOut(text)).toBe(false);
  });

  it('refuses a Meta body whose lists are not lists', () => {
    expect(() => metaItems({ entry: {} })).toThrow(MalformedWebhookError);
    expect(() =>
      metaItems({ entry: [{ changes: [{ field: 'messages', value: { statuses: 5 } }] }] }),
    ).toThrow(MalformedWebhookError);
  });
});
