// A throwaway PKI made with openssl at test time: a CA, a server certificate
// for 127.0.0.1/localhost signed by it, client certificates (CN = device id)
// signed by it, and a self-signed "rogue" client certificate. EC P-256 keys,
// valid for two days; everything lives in `dir`.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TestPki {
  dir: string
  caPath: string
  certPath: string
  keyPath: string
  ca: Buffer
  cert: Buffer
  key: Buffer
  /** A client certificate signed by the CA with this CN. */
  clientCert: (cn: string) => { cert: Buffer, key: Buffer }
  /** A self-signed client certificate with this CN (not trusted by the CA). */
  rogueCert: (cn: string) => { cert: Buffer, key: Buffer }
}

const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

function openssl (dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
}

export function makeTestPki (dir: string): TestPki {
  openssl(dir, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=kiosk-test-ca'])
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
  openssl(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'])
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext'])
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n')
  let n = 0
  const read = (name: string) => readFileSync(join(dir, name))
  return {
    dir,
    caPath: join(dir, 'ca.crt'),
    certPath: join(dir, 'server.crt'),
    keyPath: join(dir, 'server.key'),
    ca: read('ca.crt'),
    cert: read('server.crt'),
    key: read('server.key'),
    clientCert (cn) {
      const base = `client${++n}`
      openssl(dir, ['req', ...ec, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${cn}`])
      openssl(dir, ['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${base}.crt`, '-days', '2', '-extfile', 'client.ext'])
      return { cert: read(`${base}.crt`), key: read(`${base}.key`) }
    },
    rogueCert (cn) {
      const base = `rogue${++n}`
      openssl(dir, ['req', '-x509', ...ec, '-keyout', `${base}.key`, '-out', `${base}.crt`, '-days', '2', '-subj', `/CN=${cn}`])
      return { cert: read(`${base}.crt`), key: read(`${base}.key`) }
    }
  }
}
