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
    <name>CustomersWindow</name>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="32"/>
        <source>trayclock — customers</source>
        <translation>trayclock — Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="35"/>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="41"/>
        <source>New customer&apos;s name</source>
        <translation>Name des neuen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="42"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="43"/>
        <source>Rename to this</source>
        <translation>So umbenennen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="44"/>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="48"/>
        <source>App</source>
        <translation>Programm</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="48"/>
        <source>Partner ID</source>
        <translation>Partner-ID</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="48"/>
        <source>Last name seen</source>
        <translation>Zuletzt gesehener Name</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="54"/>
        <source>Forget this partner</source>
        <translation>Diesen Partner vergessen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="69"/>
        <source>Remembered partners: their sessions attach by themselves</source>
        <translation>Gemerkte Partner: ihre Sitzungen werden von selbst zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers.py" line="128"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="50"/>
        <source>trayclock — settings</source>
        <translation>trayclock — Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="54"/>
        <source>Bill each customer the full shared time</source>
        <translation>Jedem Kunden die ganze gemeinsame Zeit berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="55"/>
        <source>Split the shared time between them</source>
        <translation>Die gemeinsame Zeit aufteilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="62"/>
        <source>every started increment</source>
        <translation>jeder angefangene Takt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="63"/>
        <source>to the nearest increment</source>
        <translation>auf den nächsten Takt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="64"/>
        <source>down</source>
        <translation>abrunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="70"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="72"/>
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="73"/>
        <source>Hourly rate</source>
        <translation>Stundensatz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="74"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="75"/>
        <source>Billing increment</source>
        <translation>Abrechnungstakt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="76"/>
        <source>Rounding</source>
        <translation>Rundung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="77"/>
        <source>Free when shorter than</source>
        <translation>Kostenlos, wenn kürzer als</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="78"/>
        <source>Bill at least</source>
        <translation>Mindestens berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="79"/>
        <source>Hold for review when longer than</source>
        <translation>Zur Prüfung zurückhalten, wenn länger als</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="80"/>
        <source>Data folder: {folder}</source>
        <translation>Datenordner: {folder}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="96"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="117"/>
        <source>The hourly rate must be a number, like 85.00</source>
        <translation>Der Stundensatz muss eine Zahl sein, z. B. 85.00</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="119"/>
        <source>The hourly rate cannot be negative</source>
        <translation>Der Stundensatz darf nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="122"/>
        <source>The currency is a three-letter code, like EUR</source>
        <translation>Die Währung ist ein Code aus drei Buchstaben, z. B. EUR</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings.py" line="139"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
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
</TS>
