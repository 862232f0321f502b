import { authHeaders, UNAUTHENTICATED_EVENT } from './api';

/** Downloads a server export with the user's token (a plain link could not send it). */
export async function downloadExport(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { headers: authHeaders() });
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
    throw new Error('A token is needed to download.');
  }
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`Export failed (${response.status}): ${text.slice(0, 300)}`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const blob = await response.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
