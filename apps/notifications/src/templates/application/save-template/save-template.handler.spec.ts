import { InMemoryTemplates, tx } from '../../../../test/support/in-memory-ports';
import { InvalidTemplateError, UnknownTemplateVariableError } from '../../domain/templates';
import { SaveTemplateHandler } from './save-template.handler';

describe('saving a template', () => {
  const template = {
    kind: 'checkin.completed' as const,
    title: 'Check-in',
    body: 'Quadra {{court}}',
    savedBy: 'bruno',
  };

  it('versions what it keeps, and keeps nothing a member could never be sent', async () => {
    const templates = new InMemoryTemplates();
    const save = new SaveTemplateHandler(templates);
    expect(await save.execute(tx, 'club-aurora', { ...template, locale: 'pt-BR' })).toMatchObject({
      version: 1,
    });
    expect(await save.execute(tx, 'club-aurora', { ...template, locale: 'pt-BR' })).toMatchObject({
      version: 2,
    });

    await expect(save.execute(tx, 'club-aurora', { ...template, locale: 'xx-YY' })).rejects.toMatchObject(
      new InvalidTemplateError('locale', 'is not a locale this platform writes in (e.g. pt-BR, en)'),
    );
    await expect(
      save.execute(tx, 'club-aurora', { ...template, locale: 'en', body: '{{nome}}' }),
    ).rejects.toBeInstanceOf(UnknownTemplateVariableError);
    expect(templates.saved.map((t) => t.locale)).toEqual(['pt-BR', 'pt-BR']);
  });
});
