import { wemasy } from '../../src/backends/wemasy.js';

const PATH = '/services/webshop/v1/customer/auth/logout';

describe('wemasy', () => {
  it('logs out of the Wemasy API by default', () => {
    const backend = wemasy();
    expect(backend.logoutUrl).toBe(`https://api.wemasy.nl/api${PATH}`);
    expect(backend.name).toBe('Wemasy');
  });

  it('logs out of a baseUrl (a proxy or a mock)', () => {
    expect(wemasy({ baseUrl: 'http://localhost:4020/api' }).logoutUrl).toBe(
      `http://localhost:4020/api${PATH}`,
    );
  });

  it('drops white space around the baseUrl (an environment variable read with its line break)', () => {
    expect(wemasy({ baseUrl: ' https://shop.example/wemasy\n' }).logoutUrl).toBe(
      `https://shop.example/wemasy${PATH}`,
    );
  });

  it.each(['https://shop.example/wemasy/', 'https://shop.example/wemasy//'])(
    'drops trailing slashes of the baseUrl %j',
    (baseUrl) => {
      expect(wemasy({ baseUrl }).logoutUrl).toBe(`https://shop.example/wemasy${PATH}`);
    },
  );

  it('ends with an empty session: it reads nothing from the logout body', () => {
    expect(wemasy().sessionAfterLogout).toBeUndefined();
  });

  it('uses the fetch it is given, and otherwise the global fetch at call time', () => {
    const appFetch: typeof fetch = async () => new Response(null);
    expect(wemasy({ fetch: appFetch }).fetch).toBe(appFetch);
    expect(wemasy().fetch).toBeUndefined();
  });
});
