import fs from 'node:fs'
import path from 'node:path'
import { Child, freePort, tempDir, waitUntil } from './processes.js'

export const NGINX = '/usr/sbin/nginx'
const DEPLOY_CONFIG = path.resolve('deploy/nginx.conf')

/**
 * nginx with the deployment's own config (deploy/nginx.conf), only its ports changed: the tests prove the file an
 * operator installs, not a copy of it.
 */
export class Nginx {
  private constructor(
    private readonly child: Child,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(upstreamPorts: [number, number]): Promise<Nginx> {
    const dir = tempDir('nginx')
    // As root, nginx's workers run as nobody, and must reach their temporary files.
    fs.chmodSync(dir, 0o755)
    for (const sub of ['logs', 'temp']) fs.mkdirSync(path.join(dir, sub), { mode: 0o777 })
    fs.chmodSync(path.join(dir, 'temp'), 0o777)
    const port = await freePort()
    const site = renderSite(fs.readFileSync(DEPLOY_CONFIG, 'utf8'), port, upstreamPorts)
    fs.writeFileSync(path.join(dir, 'lifecircle.conf'), site)
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  include ${dir}/lifecircle.conf;
}
`,
    )
    const child = new Child('nginx', NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'])
    const nginx = new Nginx(child, port, dir)
    await waitUntil(
      'nginx to listen',
      async () => {
        if (!child.running) throw new Error(`nginx exited: ${child.tail()}`)
        const res = await fetch(`${nginx.url}/nothing-here`).catch(() => undefined)
        return res !== undefined
      },
      10_000,
    )
    return nginx
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  errorLog(): string {
    return fs.readFileSync(path.join(this.dir, 'logs', 'error.log'), 'utf8')
  }

  async stop(): Promise<void> {
    await this.child.stop('SIGQUIT')
    fs.rmSync(this.dir, { recursive: true, force: true })
  }
}

export function renderSite(config: string, port: number, [first, second]: [number, number]): string {
  const rendered = config
    .replace('server 127.0.0.1:3001', `server 127.0.0.1:${first}`)
    .replace('server 127.0.0.1:3002', `server 127.0.0.1:${second}`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
  if (rendered === config || !rendered.includes(String(first)) || !rendered.includes(String(second))) {
    throw new Error('deploy/nginx.conf no longer has the upstreams 127.0.0.1:3001/3002 and listen 80 the tests expect')
  }
  return rendered
}
