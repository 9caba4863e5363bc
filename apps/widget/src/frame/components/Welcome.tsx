import type { WidgetConfig } from '@parley/protocol';
import { inLanguage, strings } from '../strings';
import { Avatar } from './Avatar';

/** The top of an empty chat: who you are talking to, and the site's greeting. */
export function Welcome({ config }: { config: WidgetConfig | null }) {
  const siteName = config?.siteName ?? strings.defaultTitle;
  const greeting = inLanguage(config?.greetings) ?? config?.greeting;
  return (
    <div class="welcome">
      <Avatar name={siteName} size="lg" />
      <p class="welcome-name">{siteName}</p>
      {greeting && (
        <p class="welcome-greeting" dir="auto">
          {greeting}
        </p>
      )}
    </div>
  );
}
