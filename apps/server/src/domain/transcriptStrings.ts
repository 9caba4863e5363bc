import type { SystemEvent, WidgetLanguage } from '@parley/protocol';

/** The words of a transcript mail, in each language the widget speaks. `{0}` is filled in. */
export interface TranscriptWords {
  subject: string;
  header: string;
  times: string;
  you: string;
  agent: string;
  attachment: string;
  empty: string;
  system: Record<SystemEvent['event'], string>;
}

export const transcriptWords: Record<WidgetLanguage, TranscriptWords> = {
  en: {
    subject: 'Your chat with {0}',
    header: 'Chat transcript for {0}',
    times: 'Times are {0}.',
    you: 'You',
    agent: 'Agent',
    attachment: 'Attachment',
    empty: '(No messages.)',
    system: {
      joined: '{0} joined the chat',
      left: '{0} left the chat',
      took_over: '{0} took over the chat',
      ended_by_visitor: 'You ended the chat',
      ended_by_agent: '{0} ended the chat',
      ended: 'The chat has ended',
      left_message: 'You left a message instead of waiting',
    },
  },
  es: {
    subject: 'Tu chat con {0}',
    header: 'Transcripción del chat de {0}',
    times: 'Horas en {0}.',
    you: 'Tú',
    agent: 'Agente',
    attachment: 'Adjunto',
    empty: '(Sin mensajes.)',
    system: {
      joined: '{0} se unió al chat',
      left: '{0} salió del chat',
      took_over: '{0} se hizo cargo del chat',
      ended_by_visitor: 'Has finalizado el chat',
      ended_by_agent: '{0} finalizó el chat',
      ended: 'El chat ha finalizado',
      left_message: 'Dejaste un mensaje en lugar de esperar',
    },
  },
  fr: {
    subject: 'Votre conversation avec {0}',
    header: 'Transcription de la conversation de {0}',
    times: 'Heures : {0}.',
    you: 'Vous',
    agent: 'Conseiller',
    attachment: 'Pièce jointe',
    empty: '(Aucun message.)',
    system: {
      joined: '{0} a rejoint la conversation',
      left: '{0} a quitté la conversation',
      took_over: '{0} a repris la conversation',
      ended_by_visitor: 'Vous avez mis fin à la conversation',
      ended_by_agent: '{0} a mis fin à la conversation',
      ended: 'La conversation est terminée',
      left_message: 'Vous avez laissé un message au lieu d’attendre',
    },
  },
  de: {
    subject: 'Ihr Chat mit {0}',
    header: 'Chatverlauf für {0}',
    times: 'Zeiten in {0}.',
    you: 'Sie',
    agent: 'Mitarbeiter',
    attachment: 'Anhang',
    empty: '(Keine Nachrichten.)',
    system: {
      joined: '{0} ist dem Chat beigetreten',
      left: '{0} hat den Chat verlassen',
      took_over: '{0} hat den Chat übernommen',
      ended_by_visitor: 'Sie haben den Chat beendet',
      ended_by_agent: '{0} hat den Chat beendet',
      ended: 'Der Chat wurde beendet',
      left_message: 'Sie haben eine Nachricht hinterlassen, statt zu warten',
    },
  },
  pt: {
    subject: 'A sua conversa com {0}',
    header: 'Transcrição da conversa de {0}',
    times: 'Horários em {0}.',
    you: 'Você',
    agent: 'Atendente',
    attachment: 'Anexo',
    empty: '(Sem mensagens.)',
    system: {
      joined: '{0} entrou no chat',
      left: '{0} saiu do chat',
      took_over: '{0} assumiu o chat',
      ended_by_visitor: 'Você encerrou o chat',
      ended_by_agent: '{0} encerrou o chat',
      ended: 'O chat foi encerrado',
      left_message: 'Você deixou uma mensagem em vez de esperar',
    },
  },
  ru: {
    subject: 'Ваш чат с {0}',
    header: 'Запись чата: {0}',
    times: 'Время: {0}.',
    you: 'Вы',
    agent: 'Оператор',
    attachment: 'Вложение',
    empty: '(Сообщений нет.)',
    system: {
      joined: '{0} — теперь в чате',
      left: '{0} — больше не в чате',
      took_over: 'Чат ведёт {0}',
      ended_by_visitor: 'Вы завершили чат',
      ended_by_agent: 'Чат завершён ({0})',
      ended: 'Чат завершён',
      left_message: 'Вы оставили сообщение вместо ожидания',
    },
  },
  ar: {
    subject: 'محادثتك مع {0}',
    header: 'نص المحادثة لـ {0}',
    times: 'الأوقات بتوقيت {0}.',
    you: 'أنت',
    agent: 'موظف الدعم',
    attachment: 'مرفق',
    empty: '(لا توجد رسائل.)',
    system: {
      joined: 'انضم {0} إلى المحادثة',
      left: 'غادر {0} المحادثة',
      took_over: 'تولّى {0} المحادثة',
      ended_by_visitor: 'لقد أنهيت المحادثة',
      ended_by_agent: 'أنهى {0} المحادثة',
      ended: 'انتهت المحادثة',
      left_message: 'تركتَ رسالة بدلًا من الانتظار',
    },
  },
};

export function fill(template: string, value: string): string {
  return template.replace('{0}', () => value);
}
