import { DEFAULT_TEMPLATES, defaultTemplate } from './default-templates';
import {
  KINDS,
  checkTemplate,
  render,
  UnknownTemplateVariableError,
  InvalidTemplateError,
  type Kind,
} from './templates';

describe('templates', () => {
  it('renders the pt-BR check-in message with the court and time, unescaped', () => {
    const r = render(defaultTemplate('checkin.completed', 'pt-BR'), {
      court: 'Quadra 1 <Areia>',
      time: '19:30',
      date: '01/12/2026',
      charged: 'R$ 25,00',
    });
    expect(r.body).toBe(
      'Check-in confirmado na quadra Quadra 1 <Areia> às 19:30 de 01/12/2026. Valor debitado do seu crédito: R$ 25,00. Bom jogo!',
    );
    expect(r.whatsapp).toEqual({ name: 'checkin_confirmado', parameters: ['Quadra 1 <Areia>', '19:30'] });
  });

  it('leaves an empty optional part out', () => {
    const r = render(defaultTemplate('session.receipt', 'pt-BR'), {
      court: 'Q1',
      duration: '1 h 05 min',
      consumption: 'R$ 0,00',
      charged: 'R$ 0,00',
      unpaid: '',
    });
    expect(r.body).not.toContain('balcão');
  });

  it('falls back from a regional locale to its language, then to pt-BR', () => {
    expect(defaultTemplate('top-up.failed', 'en-US').title).toBe('Top-up declined');
    expect(defaultTemplate('top-up.failed', 'fr-FR').title).toBe('Recarga não aprovada');
  });

  it("every default template reads only its kind's variables", () => {
    for (const set of Object.values(DEFAULT_TEMPLATES)) {
      for (const kind of Object.keys(KINDS) as Kind[])
        expect(() => checkTemplate(kind, set[kind])).not.toThrow();
    }
  });

  it('refuses a template naming a variable its kind does not have, naming it', () => {
    expect(() =>
      checkTemplate('checkin.completed', { title: 'Oi {{memberName}}', body: '{{court}}' }),
    ).toThrow(UnknownTemplateVariableError);
    const refused = (() => {
      try {
        checkTemplate('checkin.completed', { title: 'ok', body: 'Quadra {{court}} {{#if balance}}x{{/if}}' });
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toMatchObject({ field: 'body', variable: 'balance' });
    expect(() =>
      checkTemplate('top-up.failed', {
        title: 't',
        body: 'b',
        whatsapp: { name: 'x', parameters: ['court'] },
      }),
    ).toThrow(UnknownTemplateVariableError);
  });

  it('refuses a template that does not parse', () => {
    expect(() => checkTemplate('announcement', { title: '{{#if title}}', body: '{{text}}' })).toThrow(
      InvalidTemplateError,
    );
  });

  it('says where and why a template does not parse', () => {
    expect(() =>
      checkTemplate('announcement', { title: 'Quadra {{#if title}} sem fim', body: '{{text}}' }),
    ).toThrow(/does not parse: Parse error on line 1: Expecting .*got 'EOF'/);
  });
});
