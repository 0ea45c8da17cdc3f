const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, c => ENTITIES[c]!)
}

/** A small self-contained page: no external fonts, scripts or styles. */
export function htmlPage (title: string, body: string, lang = 'pl'): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.4rem}button,a.button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;border:1px solid #ff5a00;background:#ff5a00;color:#fff;border-radius:4px;text-decoration:none;display:inline-block;cursor:pointer}
button.secondary{background:#fff;color:#222;border-color:#888}.error{color:#b00020}ul{padding-left:1.2rem}
</style></head><body>${body}</body></html>`
}
