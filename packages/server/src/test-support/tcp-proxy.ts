/**
 * A TCP proxy in front of PostgreSQL, to take the database away from a
 * running Tocsin without stopping a shared server: `close()` refuses new
 * connections and cuts the open ones (an outage as Tocsin sees it),
 * `reopen()` listens again on the same port; `freeze()` stops passing
 * bytes on the open connections while keeping them open (a server that
 * hangs, or a network that drops packets without a word). Used by the
 * outage tests and by scripts/bench-statuspage.ts.
 */
import net from 'node:net';

export interface TcpProxy {
  /** The port on 127.0.0.1 it listens on (kept across reopen). */
  port: number;
  /** Stops listening and cuts every connection open through it. */
  close(): Promise<void>;
  /** Listens again on the same port. */
  reopen(): Promise<void>;
  /** Passes no more bytes either way on the connections open now, and closes none of them. */
  freeze(): void;
}

/** Forwards TCP from 127.0.0.1 to `target` until closed. */
export async function startTcpProxy(target: net.NetConnectOpts): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    for (const s of pair) {
      sockets.add(s);
      s.on('close', () => {
        sockets.delete(s);
        pairs.delete(pair);
      });
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: async () => {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    reopen: async () => {
      if (!server.listening) await listen(port);
    },
    freeze: () => {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
  };
}

/**
 * A proxy to the database `url` names (over TCP, or its unix socket when the
 * URL says ?host=/dir), and the same URL pointing at the proxy.
 */
export async function proxyDatabase(url: string): Promise<{ proxy: TcpProxy; url: string }> {
  const direct = new URL(url);
  const port = Number(direct.port || 5432);
  const socketDir = direct.searchParams.get('host');
  const proxy = await startTcpProxy(
    socketDir?.startsWith('/') ? { path: `${socketDir}/.s.PGSQL.${port}` } : { host: direct.hostname, port },
  );
  const proxied = new URL(url);
  proxied.searchParams.delete('host');
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return { proxy, url: proxied.toString() };
}
