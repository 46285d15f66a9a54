import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../domain/webhooks/address-ranges.js';
import { forbiddenAddress, urlFormProblem, type WebhookUrlPolicy } from '../../../domain/webhooks/url-rules.js';
import { checkWebhookUrl } from '../../../services/webhook-endpoints/check-webhook-url.js';

const production: WebhookUrlPolicy = { env: 'production', allowedHosts: [] };
const development: WebhookUrlPolicy = { env: 'development', allowedHosts: [] };

describe('webhook address ranges', () => {
  it.each([
    ['8.8.8.8', 'public'], ['93.184.216.34', 'public'], ['127.0.0.1', 'loopback'], ['127.9.9.9', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'], ['100.64.0.1', 'private'], ['169.254.169.254', 'link-local'], ['0.0.0.0', 'reserved'],
    ['::1', 'loopback'], ['[::1]', 'loopback'], ['fe80::1', 'link-local'], ['fd00::1', 'private'], ['fc12::1', 'private'],
    ['::ffff:10.0.0.1', 'private'], ['::ffff:8.8.8.8', 'public'], ['2606:4700::1111', 'public'], ['not-an-ip', 'reserved'], ['999.1.1.1', 'reserved'],
  ])('classifies %s as %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });
});

describe('webhook URL form', () => {
  it('takes https everywhere and http only to localhost outside production', () => {
    expect(urlFormProblem('https://hooks.example.com/x', production)).toBeNull();
    expect(urlFormProblem('http://hooks.example.com/x', production)).toMatch(/only https/);
    expect(urlFormProblem('http://127.0.0.1:8080/x', production)).toMatch(/only https/);
    expect(urlFormProblem('http://127.0.0.1:8080/x', development)).toBeNull();
    expect(urlFormProblem('http://localhost/x', { env: 'test', allowedHosts: [] })).toBeNull();
    expect(urlFormProblem('http://hooks.example.com/x', development)).toMatch(/only https/);
    expect(urlFormProblem('http://hooks.internal/x', { env: 'development', allowedHosts: ['hooks.internal'] })).toBeNull();
  });

  it('refuses other schemes, credentials, fragments and non-URLs', () => {
    expect(urlFormProblem('ftp://example.com/', development)).not.toBeNull();
    expect(urlFormProblem('file:///etc/passwd', development)).not.toBeNull();
    expect(urlFormProblem('https://user:pw@example.com/', production)).toMatch(/credentials/);
    expect(urlFormProblem('https://example.com/#x', production)).toMatch(/fragment/);
    expect(urlFormProblem('example.com/hook', production)).toMatch(/absolute/);
  });

  it('refuses resolved private, loopback and link-local addresses unless the host is allowed', () => {
    expect(forbiddenAddress('hooks.example.com', ['93.184.216.34'], production)).toBeNull();
    expect(forbiddenAddress('evil.example.com', ['93.184.216.34', '10.0.0.5'], production)).toEqual({ address: '10.0.0.5', class: 'private' });
    expect(forbiddenAddress('metadata.example.com', ['169.254.169.254'], production)?.class).toBe('link-local');
    expect(forbiddenAddress('localhost', ['127.0.0.1'], production)?.class).toBe('loopback');
    expect(forbiddenAddress('localhost', ['127.0.0.1'], development)).toBeNull();
    expect(forbiddenAddress('hooks.corp', ['10.0.0.5'], { env: 'production', allowedHosts: ['HOOKS.corp'] })).toBeNull();
  });
});

describe('checkWebhookUrl (with a stub resolver)', () => {
  const resolveTo = (addresses: string[]) => async () => addresses;

  it('answers the URL when every address may be reached', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/x', production, resolveTo(['93.184.216.34']))).resolves.toBeInstanceOf(URL);
  });

  it('answers WEBHOOK_URL_FORBIDDEN for a name resolving into a private range, or a private IP literal', async () => {
    await expect(checkWebhookUrl('https://rebind.example.com/x', production, resolveTo(['192.168.0.10']))).rejects.toMatchObject({ code: 'WEBHOOK_URL_FORBIDDEN' });
    await expect(checkWebhookUrl('https://10.0.0.1/x', production, resolveTo([]))).rejects.toMatchObject({ code: 'WEBHOOK_URL_FORBIDDEN' });
    await expect(checkWebhookUrl('https://[::1]/x', production, resolveTo([]))).rejects.toMatchObject({ code: 'WEBHOOK_URL_FORBIDDEN' });
  });

  it('answers VALIDATION_FAILED for a host that does not resolve, or no URL at all', async () => {
    const fails = async () => { throw new Error('ENOTFOUND'); };
    await expect(checkWebhookUrl('https://nowhere.invalid/x', production, fails)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(checkWebhookUrl('not a url', production, fails)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
