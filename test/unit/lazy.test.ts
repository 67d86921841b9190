import { describe, expect, it, vi } from 'vitest';
import { lazy } from '../../lib/lazy';

describe('lazy', () => {
  it('loads once for every caller, and answers synchronously once loaded', async () => {
    const load = vi.fn(() => Promise.resolve({ name: 'ops' }));
    const ops = lazy(load);
    expect(ops.current()).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([ops(), ops()]);
    expect(a).toBe(b);
    expect(ops.current()).toBe(a);
    expect(await ops()).toBe(a);
    expect(load).toHaveBeenCalledOnce();
  });

  it('tries a failed load again on the next call', async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('loaded');
    const ops = lazy(load);
    await expect(ops()).rejects.toThrow('offline');
    expect(ops.current()).toBeUndefined();
    expect(await ops()).toBe('loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
