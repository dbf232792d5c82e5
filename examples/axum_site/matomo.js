(() => {
  // What the Matomo tag does with `setCookiePath('/stats')`: on the pages
  // under that path, keep the visitor id (16 hex digits and the time of the
  // first visit) in its `_pk_id` cookie. The server writes the declared
  // name, path and lifetime in.
  const name = "NAME";
  if (!location.pathname.startsWith("PATH")) return;
  const kept = document.cookie.split("; ").find((pair) => pair.startsWith(name + "="));
  const id = kept
    ? kept.slice(name.length + 1)
    : Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0"))
        .join("") + "." + Math.floor(Date.now() / 1000);
  document.cookie = name + "=" + id + "; path=PATH; max-age=MAX_AGE; secure; samesite=lax";
})();
