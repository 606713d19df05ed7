// The data-entry form: every value is saved as the person works, one at a time and in order for
// each input (each save sends the version it read, so two tabs never overwrite each other), and the
// points of the indicator and everything above it are updated from the server's answer. Values not
// yet saved when the tab is hidden or closed are sent at once.
(() => {
    'use strict';
    const form = document.getElementById('report-form');
    if (!form || form.dataset.readonly === 'true') {
        return;
    }

    const strings = JSON.parse(document.getElementById('report-strings').textContent);
    const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    const url = form.dataset.saveUrl;
    const pending = new Map();   // key -> { indicator, input, value }
    const timers = new Map();    // key -> timeout id
    const chains = new Map();    // key -> promise of the save in flight
    let inFlight = 0;

    const keyOf = el => el.dataset.indicator + '|' + el.dataset.input;
    const field = key => form.querySelector(`.field[data-key="${CSS.escape(key)}"]`);
    // The reason for changes made after the unit sent its submission (shown only then); it goes to the audit.
    const reason = () => { const box = document.getElementById('change-reason'); return box && box.value.trim() ? box.value.trim() : null; };
    const versionOf = key => form.querySelector(`input[type=hidden][data-version-key="${CSS.escape(key)}"]`);

    function valueOf(el) {
        if (el.type === 'radio') {
            const checked = form.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`);
            return checked ? checked.value : '';
        }
        return el.value;
    }

    function show(key, status, error) {
        const box = field(key);
        if (!box) {
            return;
        }
        const statusEl = box.querySelector('.field-status');
        const errorEl = box.querySelector('.field-error');
        if (status !== undefined) {
            statusEl.textContent = status;
        }
        if (error !== undefined) {
            errorEl.textContent = error;
            box.querySelectorAll('input:not([type=hidden]), select').forEach(c => {
                if (error) {
                    c.setAttribute('aria-invalid', 'true');
                } else {
                    c.removeAttribute('aria-invalid');
                }
            });
            box.classList.toggle('invalid', !!error);
        }
    }

    function apply(body) {
        for (const node of body.nodes) {
            document.querySelectorAll(`[data-points-for="${CSS.escape(node.code)}"]`).forEach(el => { el.textContent = node.points; });
            document.querySelectorAll(`[data-explain-for="${CSS.escape(node.code)}"]`).forEach(el => { el.textContent = node.explanation; });
        }
        document.querySelectorAll('[data-total]').forEach(el => { el.textContent = body.total; });
        document.querySelectorAll('[data-answered]').forEach(el => { el.textContent = body.answered; });
        document.querySelectorAll('progress[data-progress]').forEach(el => { el.value = body.answered; el.max = body.totalInputs; });
    }

    async function send(key, keepalive) {
        const item = pending.get(key);
        if (!item) {
            return;
        }
        pending.delete(key);
        const version = versionOf(key);
        show(key, strings.saving);
        inFlight++;
        try {
            const response = await fetch(url, {
                method: 'POST',
                credentials: 'same-origin',
                keepalive: !!keepalive,
                headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
                body: JSON.stringify({ indicator: item.indicator, input: item.input, value: item.value, version: parseInt(version.value, 10) || 0, reason: reason() }),
            });
            const body = await response.json().catch(() => ({}));
            if (response.redirected || response.status === 401 || (response.ok && !Array.isArray(body.nodes))) {
                // Signed out meanwhile (the answer is the sign-in page): keep the value to send again.
                if (!pending.has(key)) {
                    pending.set(key, item);
                }
                show(key, '', strings.signedOut);
                return;
            }
            if (response.ok) {
                version.value = body.version;
                apply(body);
                // Saved, and a `level: warn` check between inputs may still warn (docs/frameworks.md): shown beside the field.
                show(key, strings.saved + (body.savedAt ? ' ' + body.savedAt : '') + ((body.warnings || []).length ? ' — ' + body.warnings.join('; ') : ''), '');
                const box = field(key);
                const text = box && box.querySelector('input[type=text]');
                if (text && document.activeElement !== text && !pending.has(key)) {
                    text.value = body.value;   // written back as the reader writes numbers
                }
            } else {
                show(key, '', body.message || strings.network);
            }
        } catch {
            // Kept to be sent again with the next change or when the tab is hidden.
            if (!pending.has(key)) {
                pending.set(key, item);
            }
            show(key, '', strings.network);
            clearTimeout(timers.get(key));
            timers.set(key, setTimeout(() => save(key), 5000));
        } finally {
            inFlight--;
        }
    }

    function save(key, keepalive) {
        const previous = chains.get(key) || Promise.resolve();
        const next = previous.then(() => send(key, keepalive));
        chains.set(key, next);
        return next;
    }

    function changed(el, delay) {
        const key = keyOf(el);
        pending.set(key, { indicator: el.dataset.indicator, input: el.dataset.input, value: valueOf(el) });
        clearTimeout(timers.get(key));
        if (delay > 0) {
            timers.set(key, setTimeout(() => save(key), delay));
        } else {
            timers.delete(key);
            save(key);
        }
    }

    form.addEventListener('input', e => {
        if (e.target.matches('input[type=text][data-indicator]')) {
            changed(e.target, 800);
        }
    });
    // Enter in a figure saves it where it is, instead of sending the whole form.
    form.addEventListener('keydown', e => {
        if (e.key === 'Enter' && e.target.matches('input[type=text][data-indicator]')) {
            e.preventDefault();
            changed(e.target, 0);
        }
    });
    form.addEventListener('change', e => {
        if (e.target.matches('[data-indicator]')) {
            changed(e.target, 0);
        }
    });

    function flush() {
        for (const key of Array.from(pending.keys())) {
            clearTimeout(timers.get(key));
            save(key, true);
        }
    }

    document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') {
            flush();
        }
    });
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', e => {
        if (pending.size > 0 || inFlight > 0) {
            flush();
            e.preventDefault();
            e.returnValue = strings.unsaved;
        }
    });
})();
