<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttachPrompt</name>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="55"/>
        <source>trayclock: which customer?</source>
        <translation>trayclock: welcher Kunde?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="74"/>
        <location filename="../../trayclock/ui/prompt.py" line="158"/>
        <source>Which customer was this session for?</source>
        <translation>Für welchen Kunden war diese Sitzung?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="83"/>
        <source>optional, e.g. #4711</source>
        <translation>optional, z. B. #4711</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="86"/>
        <source>what you did (optional)</source>
        <translation>was Sie gemacht haben (optional)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="87"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="89"/>
        <source>Remember this partner for this customer</source>
        <translation>Diesen Partner für diesen Kunden merken</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="94"/>
        <source>Attach</source>
        <translation>Zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="97"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="103"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="104"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="105"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="145"/>
        <source>started {time}</source>
        <translation>gestartet {time}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="149"/>
        <source>{app} session to {partner}</source>
        <translation>{app}-Sitzung zu {partner}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="156"/>
        <source>Change the customer of this session?</source>
        <translation>Kunden dieser Sitzung ändern?</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="38"/>
        <source>Type a customer&apos;s name…</source>
        <translation>Kundennamen eintippen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="69"/>
        <source>+ New customer “{name}”</source>
        <translation>+ Neuer Kunde „{name}“</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="25"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="28"/>
        <source>This desktop has no system tray, so trayclock shows this window.</source>
        <translation>Dieser Desktop hat keinen Infobereich, darum zeigt trayclock dieses Fenster.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="33"/>
        <source>Menu…</source>
        <translation>Menü…</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="182"/>
        <source>{customer}: session attached</source>
        <translation>{customer}: Sitzung zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="183"/>
        <source>{app} {partner} is known. Click here to change the customer.</source>
        <translation>{app} {partner} ist bekannt. Hier klicken, um den Kunden zu ändern.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="193"/>
        <source>Company policy: split — the shared time is divided between them.</source>
        <translation>Firmenregel: teilen — die gemeinsame Zeit wird aufgeteilt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="195"/>
        <source>Company policy: bill each — each is billed the full shared time.</source>
        <translation>Firmenregel: jeder zahlt — jedem wird die ganze gemeinsame Zeit berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="197"/>
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="198"/>
        <source>{a} and {b} are both running.</source>
        <translation>{a} und {b} laufen beide.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="200"/>
        <source>{count} customers at once</source>
        <translation>{count} Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="201"/>
        <source>{some} and {last} are running at the same time.</source>
        <translation>{some} und {last} laufen gleichzeitig.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="208"/>
        <source>Two sessions for {customer}</source>
        <translation>Zwei Sitzungen für {customer}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="209"/>
        <source>They overlap; the shared time is billed once.</source>
        <translation>Sie überschneiden sich; die gemeinsame Zeit wird einmal berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="213"/>
        <source>trayclock could not do that</source>
        <translation>trayclock konnte das nicht ausführen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="251"/>
        <location filename="../../trayclock/ui/tray.py" line="276"/>
        <source>No session running</source>
        <translation>Keine Sitzung läuft</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="255"/>
        <location filename="../../trayclock/ui/tray.py" line="307"/>
        <source>Today so far: {total}</source>
        <translation>Heute bisher: {total}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="257"/>
        <location filename="../../trayclock/ui/tray.py" line="390"/>
        <source>Sync problem: {detail}</source>
        <translation>Sync-Problem: {detail}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="260"/>
        <source>{count} ended session(s) wait for a customer</source>
        <translation>{count} beendete Sitzung(en) warten auf einen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="265"/>
        <source>Detection paused</source>
        <translation>Erkennung pausiert</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="276"/>
        <source>Running sessions</source>
        <translation>Laufende Sitzungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="284"/>
        <source>Ended, waiting for a customer</source>
        <translation>Beendet, wartet auf einen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="294"/>
        <source>Start manual timer</source>
        <translation>Manuellen Timer starten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="301"/>
        <source>Stop manual timer ({elapsed})</source>
        <translation>Manuellen Timer stoppen ({elapsed})</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="312"/>
        <source>Review day…</source>
        <translation>Tag prüfen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="313"/>
        <source>Customers…</source>
        <translation>Kunden…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="314"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="319"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="325"/>
        <source>Pause detection</source>
        <translation>Erkennung pausieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="331"/>
        <source>Quit trayclock</source>
        <translation>trayclock beenden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="353"/>
        <source>Attach customer…</source>
        <translation>Kunden zuordnen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="353"/>
        <source>Change customer…</source>
        <translation>Kunden ändern…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="361"/>
        <source>Add note…</source>
        <translation>Notiz hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="362"/>
        <source>Ticket…</source>
        <translation>Ticket…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="367"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="373"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="386"/>
        <source>Sync: up to date</source>
        <translation>Sync: aktuell</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="388"/>
        <source>Sync: {count} waiting to send</source>
        <translation>Sync: {count} warten auf Versand</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="391"/>
        <source>Sync: no backend set up</source>
        <translation>Sync: kein Backend eingerichtet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="398"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="398"/>
        <source>What did you do?</source>
        <translation>Was haben Sie gemacht?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="407"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="407"/>
        <source>Ticket number:</source>
        <translation>Ticketnummer:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="416"/>
        <source>Not available yet</source>
        <translation>Noch nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="417"/>
        <source>This window is not part of this version of trayclock yet.</source>
        <translation>Dieses Fenster ist in dieser trayclock-Version noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="17"/>
        <source>Manual timer</source>
        <translation>Manueller Timer</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="37"/>
        <source>an unknown partner</source>
        <translation>einem unbekannten Partner</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="50"/>
        <source>no customer yet</source>
        <translation>noch kein Kunde</translation>
    </message>
</context>
<context>
    <name>CustomersImport</name>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="41" />
        <location filename="../../trayclock/ui/customers/window.py" line="51" />
        <source>Import customers</source>
        <translation>Kunden importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="52" />
        <source>Import %1 customers (new ones are created, known ones updated)?</source>
        <translation>%1 Kunden importieren (neue werden angelegt, bekannte aktualisiert)?</translation>
    </message>
</context>
<context>
    <name>CustomersWindow</name>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="72" />
        <location filename="../../trayclock/ui/customers/window.py" line="189" />
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="78" />
        <source>Search name, key or partner ID…</source>
        <translation>Name, Schlüssel oder Partner-ID suchen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="84" />
        <source>New customer's name</source>
        <translation>Name des neuen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="85" />
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="86" />
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="88" />
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="247" />
        <source>Imported: %1 created, %2 updated.</source>
        <translation>Importiert: %1 angelegt, %2 aktualisiert.</translation>
    </message>
</context>
<context>
    <name>DetectionPage</name>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="51" />
        <source>Detect sessions of</source>
        <translation>Sitzungen erkennen von</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="59" />
        <source>Grace period (s)</source>
        <translation>Kulanzzeit (s)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="64" />
        <source>How long a session may vanish before it counts as ended, and how soon a returning partner continues the same entry.</source>
        <translation>Wie lange eine Sitzung verschwinden darf, bevor sie als beendet gilt, und wie bald ein zurückkehrender Partner denselben Eintrag fortsetzt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="75" />
        <source>%1=%2 is set: it wins over this value while it is set.</source>
        <translation>%1=%2 ist gesetzt: solange es gesetzt ist, gilt es statt dieses Werts.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="84" />
        <source>Log files (for portable or branded installs)</source>
        <translation>Protokolldateien (für portable oder gebrandete Installationen)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="90" />
        <source>read only these files (one per line, * allowed)</source>
        <translation>nur diese Dateien lesen (eine pro Zeile, * erlaubt)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="94" />
        <source>none: this app's logs are not read</source>
        <translation>keine: die Protokolle dieser App werden nicht gelesen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="101" />
        <source>%1 names this app: it wins over these paths while it is set.</source>
        <translation>%1 nennt diese App: solange es gesetzt ist, gilt es statt dieser Pfade.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="118" />
        <source>Unticked: the usual places of each app are read.</source>
        <translation>Nicht angehakt: die üblichen Orte jeder App werden gelesen.</translation>
    </message>
</context>
<context>
    <name>ExampleBox</name>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="48" />
        <source>What would a call cost? (the unsaved rules, priced by the engine)</source>
        <translation>Was kostet ein Anruf? (die ungespeicherten Regeln, von der Abrechnung berechnet)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="52" />
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="66" />
        <source>A call of</source>
        <translation>Ein Anruf von</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="68" />
        <source>at</source>
        <translation>um</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="70" />
        <source>on a</source>
        <translation>an einem</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="107" />
        <source>Fix the fields marked in red to see a price.</source>
        <translation>Korrigieren Sie die rot markierten Felder, um einen Preis zu sehen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="113" />
        <source>The engine refuses these rules: %1</source>
        <translation>Die Abrechnung lehnt diese Regeln ab: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="123" />
        <source>A %1-minute call at %2 on %3, %4</source>
        <translation>Ein Anruf von %1 Minuten um %2 am %3, %4,</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="131" />
        <source>is free (shorter than the free threshold).</source>
        <translation>ist kostenlos (kürzer als die Freigrenze).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="136" />
        <source>is held for review; once approved it costs %1 %2 (%3).</source>
        <translation>wird zur Prüfung zurückgehalten; freigegeben kostet er %1 %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="144" />
        <source>costs %1 %2 (%3).</source>
        <translation>kostet %1 %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="151" />
        <source>%1 min billed</source>
        <translation>%1 Min. abgerechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="154" />
        <source>after hours × %1 = %2 min</source>
        <translation>außerhalb der Geschäftszeiten × %1 = %2 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="159" />
        <source>business hours</source>
        <translation>Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="162" />
        <source>%1 min from the contract</source>
        <translation>%1 Min. aus dem Vertrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="165" />
        <source>raised to the minimum charge</source>
        <translation>auf den Mindestbetrag angehoben</translation>
    </message>
</context>
<context>
    <name>FirstStartSetup</name>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="46" />
        <source>Welcome to trayclock</source>
        <translation>Willkommen bei trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="51" />
        <source>trayclock prices your remote sessions by your company's rules. Set the basics now; everything else, and these again, is in Settings. Skip to start with the defaults (85.00 USD an hour, every started 15 minutes).</source>
        <translation>trayclock berechnet Ihre Fernwartungssitzungen nach den Regeln Ihrer Firma. Legen Sie jetzt das Wichtigste fest; alles andere, und auch dies, finden Sie in den Einstellungen. Überspringen Sie, um mit den Vorgaben zu beginnen (85,00 USD pro Stunde, jede angefangene Viertelstunde).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="68" />
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="77" />
        <source>You can change all of this later in Settings.</source>
        <translation>All das können Sie später in den Einstellungen ändern.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="47" />
        <source>as the system</source>
        <translation>wie das System</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="52" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="53" />
        <source>A new language applies at the next start.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="54" />
        <source>Remind me to review the day at</source>
        <translation>An die Prüfung des Tages erinnern um</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="58" />
        <source>Start trayclock when I log in</source>
        <translation>trayclock bei der Anmeldung starten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="65" />
        <source>Not available in this build.</source>
        <translation>In dieser Version nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="68" />
        <source>Data folder: %1</source>
        <translation>Datenordner: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="73" />
        <source>Company settings file</source>
        <translation>Firmen-Einstellungsdatei</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="78" />
        <source>One file with the billing rules, business hours, customers with their rates and contracts, and the partner IDs, for every technician. Never passwords, never time entries.</source>
        <translation>Eine Datei mit den Abrechnungsregeln, Geschäftszeiten, Kunden mit ihren Sätzen und Verträgen und den Partner-IDs, für alle Techniker. Nie Passwörter, nie Zeiteinträge.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="86" />
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="88" />
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="82" />
        <source>Business hours (outside them the after-hours rules apply)</source>
        <translation>Geschäftszeiten (außerhalb gelten die Regeln für außerhalb der Geschäftszeit)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="94" />
        <source>Open on</source>
        <translation>Geöffnet am</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="103" />
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="106" />
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="114" />
        <source>The billing rules have one opening span for all the chosen days: hours that differ by weekday cannot be set.</source>
        <translation>Die Abrechnungsregeln kennen eine Öffnungszeit für alle gewählten Tage: je Wochentag verschiedene Zeiten lassen sich nicht festlegen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="154" />
        <source>Holidays (after-hours all day)</source>
        <translation>Feiertage (ganztägig außerhalb der Geschäftszeit)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="167" />
        <source>Add public holidays</source>
        <translation>Gesetzliche Feiertage hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="181" />
        <source>Add date</source>
        <translation>Datum hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="182" />
        <source>Remove selected</source>
        <translation>Auswahl entfernen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="200" />
        <source>whole country</source>
        <translation>ganzes Land</translation>
    </message>
</context>
<context>
    <name>ImportConfirm</name>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="45" />
        <source>Import company settings</source>
        <translation>Firmen-Einstellungen importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="52" />
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="57" />
        <source>%1 changes this:</source>
        <translation>%1 ändert Folgendes:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="66" />
        <source>Policy: %1</source>
        <translation>Regeln: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="68" />
        <source>New customer: %1 (%2)</source>
        <translation>Neuer Kunde: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="73" />
        <source>Changed: %1: %2</source>
        <translation>Geändert: %1: %2</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="79" />
        <source>Removed (archived, its entries stay): %1</source>
        <translation>Entfernt (archiviert, seine Einträge bleiben): %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="83" />
        <source>New partner: %1 %2 → %3</source>
        <translation>Neuer Partner: %1 %2 → %3</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="88" />
        <source>Partner moves: %1 %2 from %3 to %4</source>
        <translation>Partner wechselt: %1 %2 von %3 zu %4</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="94" />
        <source>Note: %1 is new here, but %2 has the same name: they stay two customers.</source>
        <translation>Hinweis: %1 ist hier neu, aber %2 hat denselben Namen: es bleiben zwei Kunden.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="100" />
        <source>Kept, only on this computer: %1</source>
        <translation>Bleibt, nur auf diesem Computer: %1</translation>
    </message>
</context>
<context>
    <name>PartnersBox</name>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="46" />
        <source>Partner IDs: their sessions attach to this customer by themselves</source>
        <translation>Partner-IDs: ihre Sitzungen werden diesem Kunden von selbst zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="53" />
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="53" />
        <source>Partner ID</source>
        <translation>Partner-ID</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="53" />
        <source>Last name seen</source>
        <translation>Zuletzt gesehener Name</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="69" />
        <source>name (optional)</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="70" />
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="72" />
        <source>Forget this partner</source>
        <translation>Diesen Partner vergessen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="76" />
        <source>Move to</source>
        <translation>Verschieben zu</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="141" />
        <location filename="../../trayclock/ui/customers/partners.py" line="169" />
        <source>Move a partner</source>
        <translation>Partner verschieben</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="142" />
        <source>%1 %2 belongs to %3. Move it to this customer?</source>
        <translation>%1 %2 gehört zu %3. Zu diesem Kunden verschieben?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="170" />
        <source>Move %1 %2 to %3? Its next sessions attach to %3.</source>
        <translation>%1 %2 zu %3 verschieben? Seine nächsten Sitzungen gehören dann zu %3.</translation>
    </message>
</context>
<context>
    <name>PolicyLabels</name>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="13" />
        <source>Hourly rate</source>
        <translation>Stundensatz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="14" />
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="15" />
        <source>Billing increment (min)</source>
        <translation>Abrechnungstakt (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="16" />
        <source>Rounding</source>
        <translation>Rundung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="17" />
        <source>Free when shorter than (min)</source>
        <translation>Kostenlos, wenn kürzer als (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="20" />
        <source>Bill at least (min)</source>
        <translation>Mindestens abrechnen (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="21" />
        <source>Minimum charge</source>
        <translation>Mindestbetrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="22" />
        <source>Hold for review when longer than (min)</source>
        <translation>Zur Prüfung zurückhalten, wenn länger als (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="25" />
        <source>After-hours factor</source>
        <translation>Faktor außerhalb der Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="26" />
        <source>After hours, bill at least (min)</source>
        <translation>Außerhalb der Geschäftszeit mindestens (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="29" />
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="30" />
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="37" />
        <source>every started increment (up)</source>
        <translation>jeder angefangene Takt (aufrunden)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="38" />
        <source>to the nearest increment</source>
        <translation>auf den nächsten Takt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="39" />
        <source>down to the increment</source>
        <translation>auf den Takt abrunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="45" />
        <source>bill each customer the full shared time</source>
        <translation>jedem Kunden die volle gemeinsame Zeit berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="48" />
        <source>split the shared time between them</source>
        <translation>die gemeinsame Zeit zwischen ihnen teilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="55" />
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="56" />
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="57" />
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="58" />
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="59" />
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="60" />
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="61" />
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="68" />
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="69" />
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="70" />
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="71" />
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="72" />
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="73" />
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="74" />
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
</context>
<context>
    <name>RolloutDialog</name>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="116" />
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="128" />
        <source>Export company settings</source>
        <translation>Firmen-Einstellungen exportieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="144" />
        <source>Import company settings</source>
        <translation>Firmen-Einstellungen importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="160" />
        <source>This computer already has these settings.</source>
        <translation>Dieser Computer hat diese Einstellungen bereits.</translation>
    </message>
</context>
<context>
    <name>SettingsCheck</name>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="97" />
        <source>{what} cannot be negative.</source>
        <translation>{what} darf nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="101" />
        <source>“{value}” is not a number; type it like {example}.</source>
        <translation>„{value}“ ist keine Zahl; schreiben Sie sie wie {example}.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="109" />
        <source>{what} has at most {places} decimals.</source>
        <translation>{what} hat höchstens {places} Nachkommastellen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="120" />
        <source>Type the hourly rate, like 85.00.</source>
        <translation>Geben Sie den Stundensatz ein, z. B. 85.00.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="122" />
        <source>The hourly rate</source>
        <translation>Der Stundensatz</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="130" />
        <source>Type the minimum charge (0.00 for none).</source>
        <translation>Geben Sie den Mindestbetrag ein (0.00 für keinen).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="132" />
        <source>The minimum charge</source>
        <translation>Der Mindestbetrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="141" />
        <source>Type the after-hours factor, like 1.5.</source>
        <translation>Geben Sie den Faktor außerhalb der Geschäftszeit ein, z. B. 1.5.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="143" />
        <source>The after-hours factor</source>
        <translation>Der Faktor außerhalb der Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="152" />
        <source>Type a three-letter currency code, like EUR.</source>
        <translation>Geben Sie einen dreibuchstabigen Währungscode ein, z. B. EUR.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="156" />
        <source>“{value}” is not a currency code: three letters, like EUR or USD.</source>
        <translation>„{value}“ ist kein Währungscode: drei Buchstaben, wie EUR oder USD.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="171" />
        <source>Minutes cannot be negative.</source>
        <translation>Minuten dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="175" />
        <source>“{value}” is not a number of minutes.</source>
        <translation>„{value}“ ist keine Anzahl Minuten.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="180" />
        <source>Whole minutes only, like 15.</source>
        <translation>Nur ganze Minuten, z. B. 15.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="183" />
        <source>At least {least} minute.</source>
        <translation>Mindestens {least} Minute.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="192" />
        <source>Type the billing increment in minutes, like 15.</source>
        <translation>Geben Sie den Abrechnungstakt in Minuten ein, z. B. 15.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="201" />
        <source>Type a number of minutes (0: nothing is free).</source>
        <translation>Geben Sie eine Anzahl Minuten ein (0: nichts ist kostenlos).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="209" />
        <location filename="../../trayclock/services/settings_check.py" line="217" />
        <source>Type whole minutes (0: no minimum).</source>
        <translation>Geben Sie ganze Minuten ein (0: kein Minimum).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="225" />
        <source>Type after how many minutes an entry is held for review.</source>
        <translation>Geben Sie ein, nach wie vielen Minuten ein Eintrag zur Prüfung zurückgehalten wird.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="236" />
        <source>Type the grace period in seconds, like 60.</source>
        <translation>Geben Sie die Kulanzzeit in Sekunden ein, z. B. 60.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="239" />
        <source>Seconds cannot be negative.</source>
        <translation>Sekunden dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="243" />
        <source>“{value}” is not a number of seconds.</source>
        <translation>„{value}“ ist keine Anzahl Sekunden.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="254" />
        <source>Type the included hours, like 10 or 7:30.</source>
        <translation>Geben Sie die enthaltenen Stunden ein, z. B. 10 oder 7:30.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="256" />
        <source>Hours cannot be negative.</source>
        <translation>Stunden dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="261" />
        <source>“{value}” is not hours like 7:30.</source>
        <translation>„{value}“ sind keine Stunden wie 7:30.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="268" />
        <source>“{value}” is not a number of hours.</source>
        <translation>„{value}“ ist keine Anzahl Stunden.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="274" />
        <source>That is not a whole number of minutes; try 7:30.</source>
        <translation>Das sind keine ganzen Minuten; versuchen Sie 7:30.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="292" />
        <source>Type a time like 08:00.</source>
        <translation>Geben Sie eine Uhrzeit wie 08:00 ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="294" />
        <source>“{value}” is not a time like 08:00 (24 hours).</source>
        <translation>„{value}“ ist keine Uhrzeit wie 08:00 (24 Stunden).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="307" />
        <source>Closing time must be after opening time ({start}).</source>
        <translation>Das Ende muss nach dem Beginn liegen ({start}).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="318" />
        <source>Choose at least one business day.</source>
        <translation>Wählen Sie mindestens einen Geschäftstag.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="320" />
        <source>Days are ISO weekdays 1–7 (Monday = 1).</source>
        <translation>Tage sind ISO-Wochentage 1–7 (Montag = 1).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="333" />
        <source>Type a date like 2026-12-25.</source>
        <translation>Geben Sie ein Datum wie 2026-12-25 ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="335" />
        <source>“{value}” is not a date like 2026-12-25.</source>
        <translation>„{value}“ ist kein Datum wie 2026-12-25.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="344" />
        <source>Choose a time zone, like Europe/Berlin.</source>
        <translation>Wählen Sie eine Zeitzone, z. B. Europe/Berlin.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="349" />
        <source>“{value}” is not a time zone; pick one like Europe/Berlin.</source>
        <translation>„{value}“ ist keine Zeitzone; wählen Sie eine wie Europe/Berlin.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="365" />
        <source>Choose at least one remote app (pause detection from the tray to stop it).</source>
        <translation>Wählen Sie mindestens eine Fernwartungs-App (zum Anhalten die Erkennung im Tray pausieren).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="379" />
        <source>A path cannot contain a NUL character.</source>
        <translation>Ein Pfad darf kein NUL-Zeichen enthalten.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="388" />
        <source>Type the partner ID, like 123 456 789.</source>
        <translation>Geben Sie die Partner-ID ein, z. B. 123 456 789.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="391" />
        <source>“{value}” is not a partner ID.</source>
        <translation>„{value}“ ist keine Partner-ID.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="53" />
        <location filename="../../trayclock/ui/settings/window.py" line="155" />
        <location filename="../../trayclock/ui/settings/window.py" line="166" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="64" />
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="65" />
        <source>Hours</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="66" />
        <source>Detection</source>
        <translation>Erkennung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="67" />
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="137" />
        <source>Not saved yet: %1</source>
        <translation>Noch nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="167" />
        <source>Start at login could not be changed: %1</source>
        <translation>Start bei der Anmeldung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="170" />
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>TermsForm</name>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="54" />
        <source>Own rules (empty: the company's, shown in grey)</source>
        <translation>Eigene Regeln (leer: die der Firma, grau angezeigt)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="58" />
        <source>never hold for review</source>
        <translation>nie zur Prüfung zurückhalten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="75" />
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="79" />
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="80" />
        <source>hours bank (prepaid, once)</source>
        <translation>Stundenkontingent (vorausbezahlt, einmalig)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="81" />
        <source>monthly quota</source>
        <translation>Monatskontingent</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="89" />
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="90" />
        <source>Included hours</source>
        <translation>Enthaltene Stunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="95" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="124" />
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="130" />
        <source>as the company: %1</source>
        <translation>wie die Firma: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="138" />
        <source>Also kept as they are: %1</source>
        <translation>Außerdem unverändert: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="149" />
        <source>Cannot price the contract: %1</source>
        <translation>Vertrag kann nicht berechnet werden: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="151" />
        <source>No contract: every billed minute is charged.</source>
        <translation>Kein Vertrag: jede abgerechnete Minute wird berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="154" />
        <source>Left now: %1 h of %2 h this month. Drawn this month: %3 h.</source>
        <translation>Jetzt übrig: %1 h von %2 h in diesem Monat. Verbraucht in diesem Monat: %3 h.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="156" />
        <source>Left now: %1 h of %2 h. Drawn this month: %3 h.</source>
        <translation>Jetzt übrig: %1 h von %2 h. Verbraucht in diesem Monat: %3 h.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="174" />
        <source>A customer needs a name.</source>
        <translation>Ein Kunde braucht einen Namen.</translation>
    </message>
</context>
</TS>
