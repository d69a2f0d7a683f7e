import http from 'node:http';

/** An SSE subscription: every `event:`/`data:` pair received, and a way to wait for one. */
export function subscribe(base: string, cookie: string) {
  const events: { type: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  let req: http.ClientRequest | undefined;
  let ended = false;
  const connected = new Promise<void>((resolve, reject) => {
    req = http.get(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('end', () => {
        ended = true;
      });
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes(': connected')) resolve();
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) });
        }
      });
    });
    req.on('error', () => undefined);
  });
  const waitFor = async (match: (e: { type: string; data: Record<string, unknown> }) => boolean, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const hit = events.find(match);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 25));
    }
    return undefined;
  };
  /** Waits until the server ends the stream; false if it is still open after `ms`. */
  const waitForEnd = async (ms: number) => {
    const until = Date.now() + ms;
    while (!ended && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    return ended;
  };
  return { events, connected, waitFor, waitForEnd, close: () => req?.destroy() };
}

