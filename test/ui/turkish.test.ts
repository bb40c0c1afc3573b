// The lookup experience with VS Code's display language set to Turkish (code-server --locale tr with a language
// pack): the palette title, the prompts, the "will be sent as" hint, the key's password box, the report panel, its
// tooltip, and Recent Lookups all speak Turkish. Expected strings are written as a Turkish user reads them. Writes
// media/screenshot-panel-tr.png (the README's Turkish picture).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import { ACTIVITY_TITLE, REPO_ROOT, tabTo, useVSCode } from './harness';

const KEY = 'ui-turkish-key-0c4e';
const TAB = `${SAMPLE.number} · gönderim ${SAMPLE.sendId}`;

describe('Lookup experience in Turkish (tr)', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    locale: 'tr',
    settings: { 'vairosms.apiRoot': sb.root },
    keybindings: [
      {
        key: 'ctrl+alt+shift+f9',
        command: 'workbench.action.openWalkthrough',
        args: 'smsdev.vairosms-reports#gettingStarted',
      },
    ],
  }));
  after(async () => {
    await sb?.close();
  });

  it('asks for the send ID, the number and the key in Turkish', async () => {
    const v = vscode();
    await v.runCommand('VairoSMS: Numara Raporu Sorgula…');
    await v.inputBox.waitFor("Gönderim ID'si: SMS gönderilirken VairoSMS'in döndürdüğü sayı (gönderim id).");
    assert.match(await v.page.locator('.quick-input-widget .quick-input-title').innerText(), /Numara Raporu Sorgula/);
    assert.equal(await v.inputBox.input.getAttribute('placeholder'), 'örneğin 187');
    await v.inputBox.fill(SAMPLE.sendId);
    await v.inputBox.enter();
    await v.inputBox.waitFor("SMS'in gönderildiği telefon numarası (gönderim 187).");
    await v.inputBox.type('0539 999 99 99');
    await v.inputBox.waitForValidationMessage('5399999999 olarak gönderilecek (Türkiye cep numarası).');
    await v.inputBox.enter();
    await v.inputBox.waitFor(
      "Sorgular için bir VairoSMS API anahtarı gerekiyor. Buraya yapıştırın; VS Code'un güvenli depolamasında saklanır.",
    );
    assert.equal(await v.inputBox.isPassword(), true, 'the key box masks its input');
    await v.inputBox.fill(KEY);
    await v.inputBox.enter();
    await v.notification("VairoSMS API anahtarı VS Code'un güvenli depolamasına kaydedildi.").waitFor();
  });

  it('shows the report panel in Turkish', async () => {
    const v = vscode();
    const frame = v.webview(TAB);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.equal(await frame.locator('html').getAttribute('lang'), 'tr');
    assert.equal(await frame.locator('.eyebrow').textContent(), 'VairoSMS numara raporu');
    assert.equal(await frame.locator('h1').textContent(), '5399999999 numarası (gönderim 187)');
    assert.match((await frame.locator('.subtitle').textContent()) ?? '', /^Sorgulandı: şimdi\.$/);
    assert.equal(await frame.locator('.toolbar button').first().textContent(), 'Yenile');
    assert.equal(await frame.locator('#status-h').textContent(), 'İletim durumu');
    assert.equal(await frame.locator('.status-line .badge .label').textContent(), 'İletildi');
    assert.equal(await frame.locator('.status-line .finality').textContent(), 'Kesin');
    assert.equal(await frame.locator('p.meaning').textContent(), 'Operatör, mesajın cihaza iletildiğini teyit etti.');
    assert.equal(await frame.locator('#message-h').textContent(), 'Mesaj metni');
    assert.equal(
      await frame.locator('#message-text').textContent(),
      SAMPLE_REPORT.mesaj,
      'the Turkish message, exactly',
    );
    assert.equal(await frame.locator('#details-h').textContent(), 'Ayrıntılar');
    assert.equal(await frame.locator('#legend-h').textContent(), 'Tüm durum kodları');
    assert.equal(await frame.locator('table.legend tr[data-code="DEFAULT"] td').nth(1).textContent(), 'Kuyrukta');

    const badge = frame.locator('.status-line .badge');
    const tip = frame.locator(`[id="${await badge.getAttribute('aria-describedby')}"]`);
    await frame.locator('h1').hover();
    await badge.hover();
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const text = (await tip.textContent()) ?? '';
    for (const part of [
      'DELIVERED · İletildi',
      'Anlamı: Operatör, mesajın cihaza iletildiğini teyit etti.',
      'Kesin mi, beklemede mi: Kesin',
      'Sonraki adım: Yapılacak bir şey yok; sorgulamayı bırakın.',
      'VairoSMS belgeleri (Türkçe): Mesaj iletildi.',
    ]) {
      assert.ok(text.includes(part), `the tooltip has "${part}": ${text}`);
    }
    const body = (await frame.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const english of ['All status codes', 'Delivery status', 'Meaning', 'Refresh', 'Checked ']) {
      assert.ok(!body.includes(english), `English "${english}" left in the Turkish panel`);
    }

    // the README's Turkish picture: the panel with the status tooltip open, as screenshot-panel-light.png in English
    const box = (await v.page.locator('iframe.webview.ready').filter({ visible: true }).first().boundingBox())!;
    const x = Math.round(box.x);
    await v.page.screenshot({
      path: path.join(REPO_ROOT, 'media', 'screenshot-panel-tr.png'),
      clip: { x, y: Math.max(0, Math.round(box.y) - 36), width: Math.min(1000, 1400 - x), height: 620 },
    });
  });

  it("shows the send's summary beside the report in Turkish; its state's tooltip is reached with the keyboard", async () => {
    const v = vscode();
    const frame = v.webview(TAB);
    const send = frame.locator('section.send-section[data-state="summary"]');
    await send.waitFor({ timeout: 15000 });
    assert.equal(await send.locator('h2').textContent(), `Gönderim ${SAMPLE.sendId}`);
    assert.equal(await send.locator('.badge .label').textContent(), 'Gönderiliyor');
    assert.equal(await send.locator('.send-state-line .finality').textContent(), 'Sürüyor: hâlâ değişebilir');
    assert.equal(
      await send
        .locator('tr', { has: frame.locator('td[data-field="send:sender"]') })
        .locator('th')
        .textContent(),
      'Gönderici başlığı (sms_baslik)',
    );
    await tabTo(frame, v, 'send');
    const badge = send.locator('.badge');
    const tip = frame.locator(`[id="${await badge.getAttribute('aria-describedby')}"]`);
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const text = (await tip.textContent()) ?? '';
    for (const part of [
      '0 · Gönderiliyor',
      'Anlamı: Gönderim başladı ve henüz tamamlanmadı: numaralarının raporları hâlâ değişebilir.',
      'Sonraki adım: Bekleyin: gönderim sürdükçe numaraların raporları değişir.',
    ])
      assert.ok(text.includes(part), `the tooltip has "${part}": ${text}`);
    const body = (await send.innerText()).replace(/\s+/g, ' ');
    for (const english of ['Send ', 'Sender header', 'Validity', 'Checked ', 'Ends '])
      assert.ok(!body.includes(english), `English "${english}" left in the Turkish send section: ${body}`);
  });

  it('asks for a send ID for "Gönderim Özetini Sorgula…" and opens the send in Turkish', async () => {
    const v = vscode();
    await v.runCommand('VairoSMS: Gönderim Özetini Sorgula…');
    await v.inputBox.waitFor("Gönderim ID'si: SMS gönderilirken VairoSMS'in döndürdüğü sayı (gönderim id).");
    assert.match(
      await v.page.locator('.quick-input-widget .quick-input-title').innerText(),
      /Gönderim Özetini Sorgula/,
    );
    await v.inputBox.enter();
    const frame = v.webview(`Gönderim ${SAMPLE.sendId}`);
    await frame.locator('#app[data-state="summary"]').waitFor({ timeout: 30000 });
    assert.equal(await frame.locator('h1').textContent(), `VairoSMS gönderimi ${SAMPLE.sendId}`);
    assert.equal(await frame.locator('#lookups-h').textContent(), "Bu gönderimin Son Sorgular'daki numaraları");
    assert.equal(await frame.locator('p.diagnosis').textContent(), 'Tanılama: Gönderim hâlâ sürüyor.');
  });

  it('names the first key\'s account "Varsayılan" and offers it in "Hesap Değiştir…"', async () => {
    const v = vscode();
    await v.runCommand('VairoSMS: Hesap Değiştir…');
    await v.quickPick.waitFor();
    assert.equal(
      await v.page.locator('.quick-input-widget input').getAttribute('placeholder'),
      'Hangi VairoSMS hesabına geçilsin?',
    );
    assert.ok(
      (await v.quickPick.items()).some((i) => /Varsayılan/.test(i)),
      'the account "Varsayılan"',
    );
    const row = v.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Varsayılan' }).first();
    assert.match((await row.textContent()) ?? '', /etkin/, 'marked as the active one');
    await v.page.keyboard.press('Escape');
  });

  it('shows the walkthrough in Turkish, its first steps already done', async () => {
    const v = vscode();
    await v.runCommandByKey('ctrl+alt+shift+f9');
    const page = v.page.locator('.gettingStartedContainer');
    await page.getByText("VairoSMS Raporları'nı Kullanmaya Başlayın").first().waitFor({ timeout: 15000 });
    for (const step of [
      'API anahtarınızı ayarlayın',
      'Bir rapor sorgulayın',
      'Durumu okuyun',
      'Sorgularınızı yeniden bulun',
      'Beklemedeki bir numarayı izleyin',
      'Zaten çalıştığınız yerde: terminal, hata ayıklayıcı, sohbet',
    ])
      await page.getByText(step, { exact: true }).first().waitFor();
    // A step completes on its event: opening Son Sorgular checks "Sorgularınızı yeniden bulun".
    const step = page.locator('[data-step-id$="#recentLookups"]').first();
    await step.locator('.codicon-getting-started-step-unchecked').first().waitFor({ timeout: 5000 });
    await v.openSideBar(ACTIVITY_TITLE);
    await step.locator('.codicon-getting-started-step-checked').first().waitFor({ timeout: 10000 });
  });

  it('lists the lookup in Son Sorgular with a Turkish description and tooltip', async () => {
    const v = vscode();
    await v.openSideBar(ACTIVITY_TITLE);
    await v.page.locator('.part.sidebar .composite.title h2').filter({ hasText: 'Son Sorgular' }).waitFor();
    const row = v.treeRow(SAMPLE.number).first();
    await row.waitFor();
    assert.match((await row.locator('.label-description').textContent()) ?? '', /^gönderim 187 · DELIVERED$/);
    const hover = v.hover(/DELIVERED\s·\sİletildi/); // markdown text: its spaces are NBSPs
    for (let attempt = 1; ; attempt++) {
      await v.page.mouse.move(700, 880);
      await row.locator('.label-name').hover();
      if (
        await hover.waitFor({ timeout: 4000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      if (attempt === 3) throw new Error('no tooltip on the row');
    }
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const part of [
      'Operatör, mesajın cihaza iletildiğini teyit etti.',
      'Sonraki adım: Yapılacak bir şey yok; sorgulamayı bırakın.',
      '5399999999 numarası (gönderim 187)',
      'Saklanan raporu yeniden açmak için tıklayın.',
    ]) {
      assert.ok(text.includes(part), `tree tooltip has "${part}": ${text}`);
    }
  });
});
