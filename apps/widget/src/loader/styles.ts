/**
 * Styles of the launcher and the frame panel. They live in a shadow root, so the host page's
 * CSS cannot reach in; `:host { all: initial }` also stops inherited properties (font, colour,
 * line-height) leaking through.
 */
export const css = `
:host{all:initial;--accent:#1c7ed6;--on-accent:#fff}
*{box-sizing:border-box}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;padding:0;margin:0;cursor:pointer;display:flex;align-items:center;justify-content:center;background:var(--accent);color:var(--on-accent);box-shadow:0 6px 20px rgba(15,23,42,.24),0 2px 6px rgba(15,23,42,.16);transition:transform .18s ease,box-shadow .18s ease}
.launcher:hover{transform:scale(1.06);box-shadow:0 10px 26px rgba(15,23,42,.28),0 3px 8px rgba(15,23,42,.18)}
.launcher:focus-visible{outline:3px solid var(--accent);outline-offset:3px}
.launcher svg{width:28px;height:28px;transition:transform .2s ease,opacity .2s ease}
.launcher .i-close{position:absolute;opacity:0;transform:rotate(-90deg)}
.open .launcher .i-chat{opacity:0;transform:rotate(90deg)}
.open .launcher .i-close{opacity:1;transform:none}
.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#e03131;color:#fff;font:700 12px/22px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:center;border:2px solid #fff}
.badge[hidden],.sr[hidden]{display:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.panel{position:fixed;right:20px;bottom:96px;z-index:2147483000;width:370px;height:580px;max-height:calc(100vh - 116px);max-width:calc(100vw - 40px);border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 18px 50px rgba(15,23,42,.22),0 4px 12px rgba(15,23,42,.12);opacity:0;visibility:hidden;transform:translateY(14px) scale(.98);transform-origin:bottom right;transition:opacity .2s ease,transform .2s ease,visibility 0s linear .2s}
.open .panel{opacity:1;visibility:visible;transform:none;transition:opacity .2s ease,transform .2s ease}
.left .launcher,.left .panel{right:auto;left:20px}
.left .panel{transform-origin:bottom left}
.panel iframe{display:block;width:100%;height:100%;border:0}
.hidden{display:none}
@media (max-width:480px){
.open .panel{right:0;bottom:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}
.panel{right:0;bottom:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}
.open .launcher{display:none}
.left .panel{left:0;right:0}
}
@media (prefers-reduced-motion:reduce){.launcher,.launcher svg,.panel,.open .panel{transition:none}}
`;

/** Static icon markup (ours, never interpolated). */
export const icons =
  '<svg class="i-chat" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z"/><path d="M8.5 12h.01M12 12h.01M15.5 12h.01" stroke-width="2.6"/></svg>' +
  '<svg class="i-close" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M6 9l6 6 6-6"/></svg>';
