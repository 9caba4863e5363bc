import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../html.js';
import { renderTranscript, type TranscriptMessage } from './transcript.js';

const at = (iso: string) => Date.parse(iso);

const conversation: TranscriptMessage[] = [
  {
    authorType: 'visitor',
    authorName: 'Ada',
    body: 'Hi, is the mug dishwasher safe?',
    createdAt: at('2024-03-15T10:00:00Z'),
    visibility: 'public',
  },
  {
    authorType: 'system',
    authorName: null,
    body: 'Anna joined the chat',
    createdAt: at('2024-03-15T10:01:00Z'),
    visibility: 'public',
  },
  {
    authorType: 'agent',
    authorName: 'Anna',
    body: 'Yes, and microwave safe too.\nAnything else?',
    createdAt: at('2024-03-15T10:01:30Z'),
    visibility: 'public',
    attachments: [{ name: 'care-guide.pdf' }],
  },
  {
    authorType: 'agent',
    authorName: 'Anna',
    body: 'SECRET NOTE: customer asked for a discount last week',
    createdAt: at('2024-03-15T10:02:00Z'),
    visibility: 'private',
    attachments: [{ name: 'internal-report.xlsx' }],
  },
  {
    authorType: 'visitor',
    authorName: null,
    body: '',
    createdAt: at('2024-03-15T10:03:00Z'),
    visibility: 'public',
    attachments: [{ name: 'photo.jpg' }],
  },
];

const render = (messages = conversation, timeZone?: string | null) =>
  renderTranscript({ siteName: 'Fernwood Home', visitorLabel: 'Ada', messages, timeZone });

describe('renderTranscript', () => {
  it('has a subject naming the site', () => {
    expect(render().subject).toBe('Your chat with Fernwood Home');
  });

  it('writes one block per message in the text version', () => {
    expect(render().text).toBe(
      [
        'Your chat with Fernwood Home',
        'Chat transcript for Ada',
        'Times are UTC.',
        '',
        '— Friday, 15 March 2024 —',
        '',
        '[10:00] You: Hi, is the mug dishwasher safe?',
        '',
        '[10:01] (Anna joined the chat)',
        '',
        '[10:01] Anna: Yes, and microwave safe too.',
        '        Anything else?',
        '        Attachment: care-guide.pdf',
        '',
        '[10:03] You:',
        '        Attachment: photo.jpg',
        '',
      ].join('\n'),
    );
  });

  it('never shows a private message, in text or HTML', () => {
    const { text, html } = render();
    for (const out of [text, html]) {
      expect(out).not.toContain('SECRET NOTE');
      expect(out).not.toContain('discount');
      expect(out).not.toContain('internal-report.xlsx');
      expect(out).not.toContain('10:02');
    }
  });

  it('drops anything that is not explicitly public', () => {
    const odd = { ...conversation[0]!, body: 'odd visibility', visibility: 'internal' };
    const { text, html } = render([odd as unknown as TranscriptMessage]);
    expect(text).not.toContain('odd visibility');
    expect(html).not.toContain('odd visibility');
    expect(text).toContain('(No messages.)');
  });

  it('shows times in the given time zone and falls back to UTC', () => {
    expect(render(conversation, 'Europe/Berlin').text).toContain('[11:00] You: Hi');
    expect(render(conversation, 'Europe/Berlin').text).toContain('Times are Europe/Berlin.');
    expect(render(conversation, 'America/Los_Angeles').text).toContain('[03:00] You: Hi');
    expect(render(conversation, 'Not/AZone').text).toContain('[10:00] You: Hi');
    expect(render(conversation, null).text).toContain('Times are UTC.');
  });

  it('marks a new day when the chat crosses midnight', () => {
    const late: TranscriptMessage[] = [
      { ...conversation[0]!, body: 'Still there?', createdAt: at('2024-03-15T23:59:00Z') },
      { ...conversation[2]!, body: 'Yes!', createdAt: at('2024-03-16T00:01:00Z') },
    ];
    const { text, html } = render(late);
    expect(text).toContain('— Friday, 15 March 2024 —\n\n[23:59] You: Still there?');
    expect(text).toContain('— Saturday, 16 March 2024 —\n\n[00:01] Anna: Yes!');
    expect(html).toContain('Saturday, 16 March 2024');
  });

  it('names an agent without a name "Agent"', () => {
    const nameless = [{ ...conversation[2]!, authorName: null, attachments: [] }];
    expect(render(nameless).text).toContain('[10:01] Agent: Yes');
  });

  it('renders readable HTML with every message', () => {
    const { html } = render();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Your chat with Fernwood Home');
    expect(html).toContain('<strong style="color:#222">You</strong> · 10:00');
    expect(html).toContain('<strong style="color:#222">Anna</strong> · 10:01');
    expect(html).toContain('Yes, and microwave safe too.<br>Anything else?');
    expect(html).toContain('Anna joined the chat · 10:01');
    expect(html).toContain('Attachment: care-guide.pdf');
    expect(html).toContain('Attachment: photo.jpg');
    expect(html).not.toMatch(/<script|<link|<img/i);
  });

  it('escapes everything visitors, agents and admins wrote', () => {
    const evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \'q\'';
    const { subject, text, html } = renderTranscript({
      siteName: `Shop "<b>" \r\nBcc: attacker@example.com`,
      visitorLabel: evil,
      timeZone: 'UTC',
      messages: [
        { ...conversation[0]!, body: evil },
        { ...conversation[2]!, authorName: evil, attachments: [{ name: `${evil}.pdf` }] },
        { ...conversation[1]!, body: evil },
      ],
    });
    expect(subject).toBe('Your chat with Shop "<b>" Bcc: attacker@example.com');
    expect(subject).not.toMatch(/[\r\n]/);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"x"');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img');
    expect(html).toContain('&#39;q&#39;');
    expect(html).toContain('Shop &quot;&lt;b&gt;&quot;');
    // The text version is plain text: it is shown as is, not interpreted.
    expect(text).toContain(`[10:00] You: ${evil}`);
  });

  it('renders an empty chat', () => {
    const { text, html } = render([]);
    expect(text).toContain('(No messages.)');
    expect(html).toContain('(No messages.)');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('a transcript in the visitor’s language', () => {
  it('words the mail, the names and the system lines in that language', () => {
    const mail = renderTranscript({
      siteName: 'Fernwood',
      visitorLabel: 'Ada',
      timeZone: 'Europe/Berlin',
      language: 'de',
      messages: [
        {
          authorType: 'system',
          authorName: null,
          body: 'Anna joined the chat',
          system: { event: 'joined', name: 'Anna' },
          createdAt: at('2024-03-15T10:01:00Z'),
          visibility: 'public',
        },
        {
          authorType: 'visitor',
          authorName: 'Ada',
          body: 'Danke!',
          createdAt: at('2024-03-15T10:02:00Z'),
          visibility: 'public',
          attachments: [{ name: 'foto.png' }],
        },
      ],
    });
    expect(mail.subject).toBe('Ihr Chat mit Fernwood');
    expect(mail.text).toContain('Chatverlauf für Ada');
    expect(mail.text).toContain('Anna ist dem Chat beigetreten');
    expect(mail.text).not.toContain('joined the chat');
    expect(mail.text).toContain('Sie: Danke!');
    expect(mail.text).toContain('Anhang: foto.png');
    expect(mail.text).toContain('Freitag');
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
  });

  it('writes Arabic right to left', () => {
    const mail = renderTranscript({
      siteName: 'Fernwood',
      visitorLabel: 'سارة',
      language: 'ar',
      messages: [],
    });
    expect(mail.subject).toBe('محادثتك مع Fernwood');
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).toContain('(لا توجد رسائل.)');
  });
});
