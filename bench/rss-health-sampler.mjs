import { readFileSync } from 'node:fs';

/** The process's resident set (worker threads included: they share its address space), in MB. */
function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** Samples a server's RSS every 100 ms and its /health back to back (timeout 10 s) until stopped. */
export function sampler(url, pid) {
  const out = { maxRss: 0, health: [], failures: 0, running: true };
  const rss = setInterval(() => {
    try {
      out.maxRss = Math.max(out.maxRss, rssMb(pid));
    } catch {}
  }, 100);
  const health = (async () => {
    while (out.running) {
      const start = performance.now();
      try {
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
        await res.text();
        if (!res.ok) out.failures++;
      } catch {
        out.failures++;
      }
      out.health.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    rssNow: () => Math.round(rssMb(pid)),
    async stop() {
      out.running = false;
      clearInterval(rss);
      await health;
      const sorted = [...out.health].sort((a, b) => a - b);
      return {
        maxRssMb: Math.round(out.maxRss),
        healthMaxMs: Math.round(sorted.at(-1) ?? 0),
        healthP99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
        healthSamples: sorted.length,
        healthFailures: out.failures,
      };
    },
  };
}
