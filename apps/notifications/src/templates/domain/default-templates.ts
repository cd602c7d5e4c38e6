import type { Kind, TemplateText } from './templates';

/**
 * What members are told when their club has not written its own template: pt-BR first, English for
 * members who chose it. Minimum data (LGPD, seed 004): the court, times and amounts — never the
 * member's name, document or balance history. The WhatsApp template names are the ones a club
 * registers with Meta for business-initiated messages.
 */
export const DEFAULT_TEMPLATES: Record<string, Record<Kind, TemplateText>> = {
  'pt-BR': {
    'checkin.completed': {
      title: 'Check-in confirmado',
      body: 'Check-in confirmado na quadra {{court}} às {{time}} de {{date}}.{{#if charged}} Valor debitado do seu crédito: {{charged}}.{{/if}} Bom jogo!',
      whatsapp: { name: 'checkin_confirmado', parameters: ['court', 'time'] },
    },
    'checkin.rejected': {
      title: 'Check-in não realizado',
      body: 'Não foi possível fazer seu check-in na quadra {{court}} às {{time}}: {{reason}}.',
      whatsapp: { name: 'checkin_recusado', parameters: ['court', 'reason'] },
    },
    'checkin.failed': {
      title: 'Check-in não realizado',
      body: 'Seu check-in na quadra {{court}} às {{time}} não foi concluído e nada foi cobrado: {{reason}}.',
      whatsapp: { name: 'checkin_falhou', parameters: ['court', 'reason'] },
    },
    'top-up.succeeded': {
      title: 'Recarga confirmada',
      body: 'Sua recarga de {{amount}} ({{method}}) foi confirmada e já está no seu crédito.',
      whatsapp: { name: 'recarga_confirmada', parameters: ['amount'] },
    },
    'top-up.failed': {
      title: 'Recarga não aprovada',
      body: 'Sua recarga de {{amount}} não foi aprovada: {{reason}}.',
      whatsapp: { name: 'recarga_recusada', parameters: ['amount', 'reason'] },
    },
    'session.receipt': {
      title: 'Resumo da sua sessão',
      body: 'Sessão na quadra {{court}} encerrada: {{duration}}. Consumo: {{consumption}}; pago com crédito: {{charged}}.{{#if unpaid}} A pagar no balcão: {{unpaid}}.{{/if}}',
      whatsapp: { name: 'resumo_sessao', parameters: ['court', 'duration', 'consumption'] },
    },
    announcement: { title: '{{title}}', body: '{{text}}' },
    'calendar.broken': {
      title: 'Google Agenda desconectado',
      body: 'O Google não autoriza mais o clube a atualizar sua agenda, então suas reservas deixaram de aparecer nela. Conecte o Google Agenda de novo no app para voltar a vê-las.',
    },
    'calendar.restored': {
      title: 'Reserva mantida na sua agenda',
      body: 'O evento da sua reserva na quadra {{court}} em {{date}} às {{time}} foi alterado no Google Agenda e voltou ao horário reservado. Para mudar ou cancelar a reserva, use o app do clube.',
    },
    'highlight.ready': {
      title: 'Seu lance está pronto',
      body: 'O lance que você marcou na quadra {{court}} em {{date}} às {{time}} está pronto: {{link}}',
    },
  },
  en: {
    'checkin.completed': {
      title: 'Check-in confirmed',
      body: 'Checked in on court {{court}} at {{time}} on {{date}}.{{#if charged}} Taken from your credit: {{charged}}.{{/if}} Have a good game!',
      whatsapp: { name: 'checkin_confirmed', parameters: ['court', 'time'] },
    },
    'checkin.rejected': {
      title: 'Check-in refused',
      body: 'Your check-in on court {{court}} at {{time}} was refused: {{reason}}.',
    },
    'checkin.failed': {
      title: 'Check-in not completed',
      body: 'Your check-in on court {{court}} at {{time}} did not complete and nothing was charged: {{reason}}.',
    },
    'top-up.succeeded': {
      title: 'Top-up confirmed',
      body: 'Your top-up of {{amount}} ({{method}}) is confirmed and in your credit.',
    },
    'top-up.failed': {
      title: 'Top-up declined',
      body: 'Your top-up of {{amount}} was declined: {{reason}}.',
    },
    'session.receipt': {
      title: 'Your session',
      body: 'Session on court {{court}} ended: {{duration}}. Consumption: {{consumption}}; paid with credit: {{charged}}.{{#if unpaid}} Due at the desk: {{unpaid}}.{{/if}}',
    },
    announcement: { title: '{{title}}', body: '{{text}}' },
    'calendar.broken': {
      title: 'Google Calendar disconnected',
      body: 'Google no longer lets the club update your calendar, so your bookings stopped showing there. Connect Google Calendar again in the app to see them.',
    },
    'calendar.restored': {
      title: 'Booking kept in your calendar',
      body: 'The event of your booking on court {{court}} on {{date}} at {{time}} was changed in Google Calendar and put back at the booked time. To change or cancel the booking, use the club app.',
    },
    'highlight.ready': {
      title: 'Your highlight is ready',
      body: 'The play you marked on court {{court}} on {{date}} at {{time}} is ready: {{link}}',
    },
  },
};

/** The default for a locale: its own, its language's (`en-US` → `en`), else pt-BR. */
export function defaultTemplate(kind: Kind, locale: string): TemplateText {
  const set =
    DEFAULT_TEMPLATES[locale] ?? DEFAULT_TEMPLATES[locale.split('-')[0]] ?? DEFAULT_TEMPLATES['pt-BR'];
  return set[kind];
}
