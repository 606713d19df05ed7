// The what-if page: every field changed from what the unit reported (and every cohort figure assumed) is sent to
// the page's Run handler as the person types, and the points, main indices, total and rank that come back are shown.
// Nothing is saved. A gain's "Thử" button puts its values in the fields.
(() => {
    'use strict';
    const form = document.getElementById('what-if');
    if (!form) {
        return;
    }

    const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    const url = form.dataset.runUrl;
    const error = document.getElementById('what-if-error');
    const cohortNote = document.getElementById('what-if-cohort');
    let timer = null;
    let sequence = 0;

    const fields = () => Array.from(form.querySelectorAll('[data-indicator][data-original]'));

    function request() {
        const values = [];
        const cohort = new Map();
        for (const el of fields()) {
            const value = el.value.trim();
            if (value === el.dataset.original) {
                continue;
            }
            if (el.dataset.cohort) {
                const item = cohort.get(el.dataset.indicator) || { indicator: el.dataset.indicator, min: null, max: null };
                item[el.dataset.cohort] = value || null;
                cohort.set(el.dataset.indicator, item);
            } else {
                values.push({ indicator: el.dataset.indicator, input: el.dataset.input, value: value || null });
            }
        }
        return { values, cohort: Array.from(cohort.values()) };
    }

    function clearErrors() {
        form.querySelectorAll('.field.invalid').forEach(box => {
            box.classList.remove('invalid');
            box.querySelector('.field-error').textContent = '';
            box.querySelectorAll('input, select').forEach(c => c.removeAttribute('aria-invalid'));
        });
        error.hidden = true;
        error.textContent = '';
    }

    function showDifference(el, text) {
        if (el) {
            el.textContent = text === '0,00' || text === '0.00' ? '' : '(' + text + ')';
            el.classList.toggle('up', text.startsWith('+'));
            el.classList.toggle('down', text.startsWith('−'));
        }
    }

    function apply(body) {
        form.querySelector('[data-wi-total]').textContent = body.total;
        showDifference(form.querySelector('[data-wi-total-diff]'), body.difference);
        form.querySelector('.what-if-summary [data-wi-rank]').textContent = body.rank;
        for (const index of body.mainIndices) {
            const row = form.querySelector(`[data-wi-main="${CSS.escape(index.code)}"]`);
            if (row) {
                row.querySelector('[data-wi-after]').textContent = index.after;
                row.querySelector('[data-wi-rank]').textContent = index.rank;
                showDifference(row.querySelector('[data-wi-diff]'), index.difference);
            }
        }
        for (const node of body.nodes) {
            const row = form.querySelector(`[data-wi-node="${CSS.escape(node.code)}"]`);
            if (row) {
                row.querySelector('[data-wi-after]').textContent = node.after;
                showDifference(row.querySelector('[data-wi-diff]'), node.difference);
                row.classList.toggle('changed', node.changed);
            }
        }
        cohortNote.hidden = !body.cohortMoved;
    }

    function showProblems(body) {
        const located = [];
        for (const problem of body.problems || []) {
            const key = problem.indicator + '|' + problem.input;
            const box = form.querySelector(`.field[data-wi-key="${CSS.escape(key)}"]`);
            if (box) {
                box.classList.add('invalid');
                box.querySelector('.field-error').textContent = problem.message;
                box.querySelectorAll('input, select').forEach(c => c.setAttribute('aria-invalid', 'true'));
            } else {
                located.push(problem.message);
            }
        }
        const message = [body.message].concat(located).filter(Boolean).join(': ');
        if (message) {
            error.textContent = message;
            error.hidden = false;
        }
    }

    async function run() {
        const mine = ++sequence;
        const response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
            body: JSON.stringify(request()),
        }).catch(() => null);
        if (mine !== sequence) {
            return;
        }
        const body = response ? await response.json().catch(() => ({})) : {};
        clearErrors();
        if (response && response.ok && Array.isArray(body.nodes)) {
            form.dataset.state = 'scored';
            apply(body);
        } else {
            form.dataset.state = 'invalid';
            showProblems(body.message || body.problems ? body : { message: form.dataset.failed });
        }
    }

    function schedule() {
        form.dataset.state = 'pending';
        clearTimeout(timer);
        timer = setTimeout(run, 250);
    }

    form.addEventListener('input', e => { if (e.target.matches('[data-indicator]')) { schedule(); } });
    form.addEventListener('change', e => { if (e.target.matches('[data-indicator]')) { schedule(); } });
    form.addEventListener('submit', e => { e.preventDefault(); schedule(); });

    form.addEventListener('click', e => {
        const button = e.target.closest('[data-wi-gain]');
        if (button) {
            for (const value of JSON.parse(button.dataset.wiGain)) {
                const el = form.querySelector(`[data-indicator="${CSS.escape(value.indicator)}"][data-input="${CSS.escape(value.input)}"]`);
                if (el) {
                    el.value = value.value;
                    el.closest('tr').scrollIntoView({ block: 'center' });
                }
            }
            schedule();
        }
    });

    document.getElementById('what-if-reset').addEventListener('click', () => {
        for (const el of fields()) {
            el.value = el.dataset.original;
        }
        schedule();
    });
})();
