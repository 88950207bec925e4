// One autocannon run as the API benches make it (bounded in time and in requests), and the
// responses it got that were not the expected status, counted with its errors.
import autocannon from 'autocannon';

/** `url` may be a list: autocannon then spreads its connections over the URLs. */
export function runLoad(url, { connections, duration, maxRequests, headers = {} }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration, maxOverallRequests: maxRequests, headers, timeout: 30 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** Errors plus responses other than `status` (200, or 304 for a revalidation). */
export function failures(result, status = 200) {
  return (
    result.errors +
    Object.entries(result.statusCodeStats ?? {}).reduce(
      (sum, [code, { count }]) => sum + (Number(code) === status ? 0 : count),
      0,
    )
  );
}
