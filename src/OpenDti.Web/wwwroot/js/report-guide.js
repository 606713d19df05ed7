// The form's guide (docs/review.md#guiding-the-form): the outline by main index with its counts, the
// filters, "next indicator needing me", the evaluators' decisions and bulk acceptance in place, evidence
// uploads in place with the message next to the field, and a small picker for the dd/mm/yyyy days.
// Without this script the same links and buttons work by posting the page (the server answers the same).
(() => {
    'use strict';
    const form = document.getElementById('report-form');
    if (!form) {
        return;
    }

    const strings = JSON.parse(document.getElementById('report-strings').textContent);
    const tokenInput = form.querySelector('input[name="__RequestVerificationToken"]');
    const token = tokenInput ? tokenInput.value : '';
    const outline = document.querySelector('[data-outline]');
    const indicators = () => Array.from(form.querySelectorAll('fieldset.indicator[data-main]'));
    const flag = (el, name) => el.dataset[name] === 'true';
    let filter = new URLSearchParams(location.search).get('loc') || '';

    // The outline is a side column on a wide screen (open) and a bar to open on a phone.
    if (outline && window.matchMedia('(min-width: 1100px)').matches) {
        outline.open = true;
    }

    const passes = {
        '': () => true,
        'can-xu-ly': el => flag(el, 'needs'),
        'tra-lai': el => flag(el, 'returned'),
        'chua-tra-loi': el => !flag(el, 'done'),
        'thieu-minh-chung': el => !flag(el, 'evidence'),
        'da-sua': el => flag(el, 'changed'),
    };

    function recount() {
        if (!outline) {
            return;
        }
        const all = indicators();
        outline.querySelectorAll('li[data-outline-for]').forEach(li => {
            const mine = all.filter(el => el.dataset.main === li.dataset.outlineFor);
            const set = (name, text) => { const span = li.querySelector(`[data-count="${name}"]`); if (span) { span.textContent = text; } };
            // The outline's counts and the fieldsets' flags (data-done: not data-answered, which the form's progress uses).
            const count = name => mine.filter(el => flag(el, name === 'answered' ? 'done' : name)).length;
            const template = (span, values) => span && span.dataset.template ? span.dataset.template.replace('{0}', values[0]).replace('{1}', values[1]) : null;
            ['answered', 'evidence', 'returned', 'changed'].forEach(name => {
                const span = li.querySelector(`[data-count="${name}"]`);
                if (!span) {
                    return;
                }
                if (!span.dataset.template) {
                    // The server's text with its figures as placeholders: "Trả lời 3/5" -> "Trả lời {0}/{1}".
                    span.dataset.template = span.textContent.replace(/\d+/, '{0}').replace(/\/\d+/, '/{1}');
                }
                set(name, template(span, [count(name), mine.length]));
                span.classList.toggle('flag', (name === 'returned' || name === 'changed') && count(name) > 0);
            });
        });
        Object.keys(passes).forEach(key => {
            const span = outline.querySelector(`[data-filter-count="${key}"]`);
            if (span) {
                span.textContent = all.filter(passes[key]).length;
            }
        });
        const needing = all.filter(el => flag(el, 'needs')).length;
        const total = outline.querySelector('[data-needs-total]');
        if (total) {
            total.textContent = total.textContent.replace(/\d+/, needing);
        }
    }

    function applyFilter(key) {
        filter = key;
        indicators().forEach(el => { el.hidden = !(passes[key] || passes[''])(el); });
        outline.querySelectorAll('[data-filter]').forEach(a => {
            if (a.dataset.filter === key) {
                a.setAttribute('aria-current', 'true');
            } else {
                a.removeAttribute('aria-current');
            }
        });
        const url = new URL(location.href);
        if (key) {
            url.searchParams.set('loc', key);
        } else {
            url.searchParams.delete('loc');
        }
        url.hash = '';
        history.replaceState(null, '', url);
    }

    function goTo(el) {
        el.hidden = false;
        el.scrollIntoView({ block: 'start' });
        el.focus({ preventScroll: true });
        if (outline && !window.matchMedia('(min-width: 1100px)').matches) {
            outline.open = false;
        }
    }

    if (outline) {
        outline.addEventListener('click', e => {
            const link = e.target.closest('a[data-filter]');
            if (link) {
                e.preventDefault();
                applyFilter(link.dataset.filter);
                return;
            }
            if (e.target.closest('a[data-next]')) {
                e.preventDefault();
                // The next indicator needing me below the one in focus (or the top of the screen), from the top again after the last.
                const needing = indicators().filter(el => flag(el, 'needs'));
                if (needing.length === 0) {
                    return;
                }
                const current = document.activeElement && document.activeElement.closest ? document.activeElement.closest('fieldset.indicator') : null;
                const after = current
                    ? needing.find(el => current.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
                    : needing.find(el => el.getBoundingClientRect().top > 1);
                goTo(after || needing[0]);
                return;
            }
            const jump = e.target.closest('.toc a[href^="#n-"]');
            if (jump) {
                const target = document.getElementById(jump.getAttribute('href').slice(1));
                if (target) {
                    e.preventDefault();
                    goTo(target);
                    history.replaceState(null, '', jump.getAttribute('href'));
                }
            }
        });
    }

    // Whether every input of an indicator has a value, as the person types (the values save themselves).
    function answered(fieldset) {
        return Array.from(fieldset.querySelectorAll('.field[data-key]')).every(box => {
            const radios = box.querySelectorAll('input[type=radio]');
            if (radios.length > 0) {
                return Array.from(radios).some(r => r.checked && r.value !== '');
            }
            const control = box.querySelector('input[type=text][data-indicator], select[data-indicator]');
            return !control || control.value.trim() !== '';
        });
    }

    function needsForUnit(el) {
        return !flag(el, 'done') || (flag(el, 'evidenceExpected') && !flag(el, 'evidence')) || el.dataset.needsAnswer === 'true';
    }

    form.addEventListener('change', e => {
        const fieldset = e.target.closest && e.target.closest('fieldset.indicator[data-main]');
        if (!fieldset || !e.target.matches('[data-indicator]')) {
            return;
        }
        fieldset.dataset.done = String(answered(fieldset));
        if (!document.querySelector('[data-bulk]')) {
            fieldset.dataset.needs = String(needsForUnit(fieldset));
        }
        recount();
    });

    async function post(url, body) {
        const response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Accept': 'application/json', 'RequestVerificationToken': token },
            body,
        });
        const json = await response.json().catch(() => null);
        if (response.redirected || response.status === 401 || json === null) {
            return { ok: false, body: { message: response.redirected || response.status === 401 ? strings.signedOut : strings.network } };
        }
        return { ok: response.ok, body: json };
    }

    function showError(box, message) {
        if (!box) {
            return;
        }
        box.hidden = !message;
        const first = box.querySelector('p:not(.hint)');
        if (first) {
            first.textContent = message || '';
        } else if (box.tagName === 'P') {
            box.textContent = message || '';
        } else {
            const p = document.createElement('p');
            p.textContent = message || '';
            box.prepend(p);
        }
        if (message) {
            box.focus();
        }
    }

    // A decision or an answer written into its indicator's thread, as the server answered it.
    function applyNote(note) {
        const thread = form.querySelector(`[data-thread="${CSS.escape(note.indicator)}"]`);
        const fieldset = document.getElementById('n-' + note.indicator);
        if (!thread || !fieldset) {
            return;
        }
        const statusLine = thread.querySelector('.review-status');
        statusLine.hidden = false;
        const status = statusLine.querySelector('[data-review-status]');
        status.dataset.reviewStatus = note.status;
        status.textContent = note.statusText;
        const li = document.createElement('li');
        li.className = 'note note-' + note.kind.toLowerCase();
        const kind = document.createElement('strong');
        kind.textContent = note.kindText;
        const by = document.createElement('span');
        by.className = 'muted';
        by.textContent = ' · ' + note.by;
        li.append(kind, by);
        if (note.text) {
            const p = document.createElement('p');
            p.textContent = note.text;
            li.append(p);
        }
        thread.querySelector('ol.notes').append(li);
        const text = thread.querySelector('textarea');
        if (text) {
            text.value = '';
        }
        const pick = thread.querySelector('[data-accept-pick]');
        if (pick && note.kind !== 'Answer') {
            pick.closest('label').remove();
        }
        showError(thread.querySelector('[data-note-error]'), '');
        if (note.kind === 'Answer') {
            fieldset.dataset.needsAnswer = 'false';
            fieldset.dataset.needs = String(needsForUnit(fieldset));
        } else {
            fieldset.dataset.reviewed = 'true';
            fieldset.dataset.needs = 'false';
            fieldset.dataset.returned = String(note.kind === 'Returned');
        }
    }

    form.addEventListener('click', async e => {
        const button = e.target.closest('button[data-note]');
        if (!button) {
            return;
        }
        e.preventDefault();
        const thread = button.closest('[data-thread]');
        const body = new FormData();
        body.append('__RequestVerificationToken', token);
        const text = thread.querySelector('textarea');
        if (text) {
            body.append(text.name, text.value);
        }
        button.disabled = true;
        try {
            const answer = await post(button.getAttribute('formaction'), body);
            if (answer.ok) {
                answer.body.notes.forEach(applyNote);
                recount();
                const status = thread.querySelector('[data-review-status]');
                status.setAttribute('tabindex', '-1');
                status.focus();
            } else {
                showError(thread.querySelector('[data-note-error]'), answer.body.message || strings.network);
            }
        } catch {
            showError(thread.querySelector('[data-note-error]'), strings.network);
        } finally {
            button.disabled = false;
        }
    });

    const bulk = document.querySelector('[data-bulk]');
    if (bulk) {
        bulk.addEventListener('click', async e => {
            const button = e.target.closest('button[data-bulk-accept], button[data-bulk-all]');
            if (!button) {
                return;
            }
            e.preventDefault();
            const body = new FormData();
            body.append('__RequestVerificationToken', token);
            form.querySelectorAll('[data-accept-pick]:checked').forEach(box => body.append('accept', box.value));
            const error = bulk.querySelector('[data-bulk-error]');
            const done = bulk.querySelector('[data-bulk-done]');
            done.hidden = true;
            button.disabled = true;
            try {
                const answer = await post(button.getAttribute('formaction'), body);
                if (answer.ok) {
                    answer.body.notes.forEach(applyNote);
                    recount();
                    error.hidden = true;
                    done.hidden = false;
                    done.textContent = answer.body.message;
                    const all = bulk.querySelector('[data-bulk-all]');
                    if (all) {
                        all.textContent = all.textContent.replace(/\d+/, form.querySelectorAll('[data-accept-pick]').length);
                    }
                } else {
                    const problems = (answer.body.problems || []).map(p => p.message);
                    error.textContent = [answer.body.message].concat(problems).filter(Boolean).join('; ') || strings.network;
                    error.hidden = false;
                    error.setAttribute('tabindex', '-1');
                    error.focus();
                }
            } catch {
                error.textContent = strings.network;
                error.hidden = false;
            } finally {
                button.disabled = false;
            }
        });
    }

    // An evidence file uploaded in place: nothing typed is lost when it is refused (the file stays chosen too),
    // and the message is shown once, next to the upload, with the focus on it.
    form.addEventListener('click', async e => {
        const button = e.target.closest('button[data-upload]');
        if (!button) {
            return;
        }
        e.preventDefault();
        const code = button.dataset.upload;
        const area = document.getElementById('ev-' + code);
        const body = new FormData();
        body.append('__RequestVerificationToken', token);
        area.querySelectorAll('.evidence-upload input[name]').forEach(input => {
            if (input.type === 'file') {
                if (input.files.length > 0) {
                    body.append(input.name, input.files[0]);
                }
            } else {
                body.append(input.name, input.value);
            }
        });
        const error = area.querySelector('[data-evidence-error]');
        button.disabled = true;
        try {
            const answer = await post(button.getAttribute('formaction'), body);
            if (!answer.ok) {
                showError(error, answer.body.message || strings.network);
                return;
            }
            // The new list of files as the server shows it.
            const page = await fetch(location.pathname + location.search, { credentials: 'same-origin' });
            const fresh = new DOMParser().parseFromString(await page.text(), 'text/html').getElementById('ev-' + code);
            if (fresh) {
                fresh.querySelectorAll('[autofocus]').forEach(el => el.removeAttribute('autofocus'));
                area.replaceWith(fresh);
                const notice = document.createElement('p');
                notice.className = 'notice';
                notice.setAttribute('role', 'status');
                notice.textContent = answer.body.message;
                fresh.prepend(notice);
                const fieldset = document.getElementById('n-' + code);
                fieldset.dataset.evidence = 'true';
                if (!document.querySelector('[data-bulk]')) {
                    fieldset.dataset.needs = String(needsForUnit(fieldset));
                }
                recount();
            }
        } catch {
            showError(error, strings.network);
        } finally {
            button.disabled = false;
        }
    });

    // dd/mm/yyyy days whatever the browser's language: a text field, and a small picker beside it.
    document.querySelectorAll('input[data-day]').forEach(input => {
        const picker = document.createElement('input');
        picker.type = 'date';
        picker.className = 'day-picker';
        picker.tabIndex = -1;
        picker.setAttribute('aria-hidden', 'true');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'day-button secondary';
        button.textContent = strings.pickDay;
        button.setAttribute('aria-label', strings.pickDay);
        button.addEventListener('click', () => {
            const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.value.trim());
            picker.value = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
            if (typeof picker.showPicker === 'function') {
                picker.showPicker();
            } else {
                picker.focus();
            }
        });
        picker.addEventListener('change', () => {
            const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(picker.value);
            if (m) {
                input.value = `${m[3]}/${m[2]}/${m[1]}`;
                input.focus();
            }
        });
        input.after(button, picker);
    });

    recount();
})();
