// Nostr login through a NIP-07 browser extension (window.nostr): the extension signs a kind 22242
// event carrying the server's one-time challenge; the server checks it and answers with a token.

export function hasNostrExtension() {
  return typeof window.nostr === 'object' && window.nostr !== null && typeof window.nostr.signEvent === 'function';
}

/** Extensions inject window.nostr some time after the page loads; wait a little for it. */
export function whenNostrReady(fn, waitMs = 1500) {
  if (hasNostrExtension()) { fn(); return; }
  const started = Date.now();
  const timer = setInterval(() => {
    if (hasNostrExtension()) { clearInterval(timer); fn(); }
    else if (Date.now() - started > waitMs) clearInterval(timer);
  }, 250);
}

/** Signs the server's challenge; with a bearer token set, the server links the key to that account. */
export async function nostrSignIn(api) {
  const { challenge } = await api.nostrChallenge();
  await window.nostr.getPublicKey();
  const event = await window.nostr.signEvent({
    kind: 22242,
    created_at: Math.floor(Date.now() / 1000),
    tags: [['challenge', challenge]],
    content: '',
  });
  return api.nostrVerify(event);
}
