// @vitest-environment happy-dom
// The lazy module's contract with the popup: HistoryPanel reads the outbox and stored destinations itself, and stays live.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { historyPanel } from '../../../entrypoints/popup/history';
import { createOutbox } from '../../../lib/outbox/outbox';
import { makeCapture, must } from '../outbox/fixtures';
import { DESTINATIONS } from './history-harness';

afterEach(cleanup);

const HistoryPanel = historyPanel({ incognito: false });

describe('HistoryPanel', () => {
  it('lists what the outbox holds, named by the stored destinations, and shows captures saved elsewhere', async () => {
    await fakeBrowser.storage.local.set({ destinations: DESTINATIONS });
    // Another context (the worker, or the capture tab) writes through its own outbox instance.
    const elsewhere = createOutbox();
    must(await elsewhere.enqueue(makeCapture({ title: 'Saved before', destinationId: 'dest-b' })));
    const onOpenOptions = vi.fn();
    render(<HistoryPanel onOpenOptions={onOpenOptions} />);

    const item = await screen.findByRole('listitem', { name: 'Saved before' });
    expect(within(item).getByText(/^Short links ·/)).toBeTruthy();
    must(await elsewhere.enqueue(makeCapture({ title: 'Saved just now' })));
    expect(await screen.findByRole('listitem', { name: 'Saved just now' })).toBeTruthy();
  });

  it('asks the background to flush after a retry', async () => {
    await fakeBrowser.storage.local.set({ destinations: DESTINATIONS });
    const sent = vi.fn<(message: unknown) => Promise<void>>(() => Promise.resolve());
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => void sent(message));
    must(await createOutbox().enqueue(makeCapture({ title: 'Queued' })));
    render(<HistoryPanel onOpenOptions={() => undefined} />);
    fireEvent.click(within(await screen.findByRole('listitem', { name: 'Queued' })).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(sent).toHaveBeenCalledWith({ type: 'outbox/flush' }));
  });

  it('lists incognito captures only in an incognito window, so a normal window can neither see nor export them', async () => {
    await fakeBrowser.storage.local.set({ destinations: DESTINATIONS });
    const outbox = createOutbox();
    must(await outbox.enqueue(makeCapture({ title: 'Normal page' })));
    must(await outbox.enqueue({ ...makeCapture({ title: 'Private page' }), incognito: true }));

    render(<HistoryPanel onOpenOptions={() => undefined} />);
    await screen.findByRole('listitem', { name: 'Normal page' });
    expect(screen.queryByRole('listitem', { name: 'Private page' })).toBeNull();
    cleanup();

    const Private = historyPanel({ incognito: true });
    render(<Private onOpenOptions={() => undefined} />);
    expect(await screen.findByRole('listitem', { name: 'Private page' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Normal page' })).toBeTruthy();
  });
});
