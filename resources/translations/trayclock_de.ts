<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutBox</name>
    <message>
        <location filename="../../trayclock/ui/about.py" line="22"/>
        <source>About trayclock</source>
        <translation>Über trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/about.py" line="27"/>
        <source>trayclock {version}</source>
        <translation>trayclock {version}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/about.py" line="34"/>
        <source>Notices remote-support sessions, asks which customer each was for, and prices the day by your company&apos;s billing rules.</source>
        <translation>Bemerkt Fernwartungssitzungen, fragt, für welchen Kunden sie waren, und berechnet den Tag nach den Abrechnungsregeln Ihrer Firma.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/about.py" line="39"/>
        <source>Data: {folder}</source>
        <translation>Daten: {folder}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/about.py" line="40"/>
        <source>Settings: {folder}</source>
        <translation>Einstellungen: {folder}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/about.py" line="41"/>
        <source>Log: {folder}</source>
        <translation>Protokoll: {folder}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/about.py" line="44"/>
        <source>Qt {qt}, PySide6 {pyside}, Python {python}</source>
        <translation>Qt {qt}, PySide6 {pyside}, Python {python}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/about.py" line="48"/>
        <source>Licence: all rights reserved by its authors; no licence to copy or change it has been granted yet. Qt and Qt for Python (PySide6) are used under the GNU LGPL version 3.</source>
        <translation>Lizenz: alle Rechte bei den Autoren; eine Lizenz zum Kopieren oder Ändern wurde noch nicht erteilt. Qt und Qt for Python (PySide6) werden unter der GNU LGPL Version 3 verwendet.</translation>
    </message>
</context>
<context>
    <name>AttachPrompt</name>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="92"/>
        <location filename="../../trayclock/ui/prompt.py" line="191"/>
        <source>Which customer was this session for?</source>
        <translation>Für welchen Kunden war diese Sitzung?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="102"/>
        <source>optional, e.g. #4711</source>
        <translation>optional, z. B. #4711</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="105"/>
        <source>what you did (optional)</source>
        <translation>was Sie gemacht haben (optional)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="106"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="108"/>
        <source>Remember this partner for this customer</source>
        <translation>Diesen Partner für diesen Kunden merken</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="116"/>
        <source>Attach</source>
        <translation>Zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="120"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="130"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="131"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="132"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="176"/>
        <source>started {time}</source>
        <translation>gestartet {time}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="180"/>
        <source>{app} session to {partner}</source>
        <translation>{app}-Sitzung mit {partner}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="187"/>
        <source>Change the customer of this session?</source>
        <translation>Kunden dieser Sitzung ändern?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="70"/>
        <source>Which customer?</source>
        <translation>Welcher Kunde?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/prompt.py" line="189"/>
        <source>Which customer is this session for?</source>
        <translation>Für welchen Kunden ist diese Sitzung?</translation>
    </message>
</context>
<context>
    <name>BackendPage</name>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="56"/>
        <source>None: no sync</source>
        <translation>Keines: keine Synchronisation</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="59"/>
        <source>Webhook (signed JSON)</source>
        <translation>Webhook (signiertes JSON)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="62"/>
        <source>Send submitted days to</source>
        <translation>Übermittelte Tage senden an</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="66"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="71"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="73"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="76"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="96"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="110"/>
        <source>Submitted days are sent in the background and whenever the network comes back; what waits is kept on this computer. HTTPS is required (plain http:// only to this computer).</source>
        <translation>Übermittelte Tage werden im Hintergrund gesendet, auch sobald das Netz wieder da ist; was wartet, bleibt auf diesem Computer. HTTPS ist Pflicht (einfaches http:// nur zu diesem Computer).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="171"/>
        <source>Kept in the system keyring only, never shown again.</source>
        <translation>Nur im Schlüsselbund des Systems gespeichert, nie wieder angezeigt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="173"/>
        <source>Stored in the system keyring; type a new one only to replace it.</source>
        <translation>Im Schlüsselbund des Systems gespeichert; geben Sie nur zum Ersetzen ein neues ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="192"/>
        <source>Testing the connection…</source>
        <translation>Die Verbindung wird getestet…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="198"/>
        <source>Connected: {said}</source>
        <translation>Verbunden: {said}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/backend_page.py" line="202"/>
        <source>The test failed: {why}</source>
        <translation>Der Test ist fehlgeschlagen: {why}</translation>
    </message>
</context>
<context>
    <name>ChangeWords</name>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="37"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="38"/>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="39"/>
        <source>Backend IDs</source>
        <translation>Backend-IDs</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="40"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="41"/>
        <source>Business hours</source>
        <translation>Geschäftszeiten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="49"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="49"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/settings/change_words.py" line="67"/>
        <source>%n holiday(s)</source>
        <translation>
            <numerusform>%n Feiertag</numerusform>
            <numerusform>%n Feiertage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="74"/>
        <source>monthly quota</source>
        <translation>Monatskontingent</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/change_words.py" line="74"/>
        <source>hours bank</source>
        <translation>Stundenkontingent</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="46"/>
        <source>Type a customer&apos;s name…</source>
        <translation>Kundennamen eintippen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="87"/>
        <source>+ New customer “{name}”</source>
        <translation>+ Neuer Kunde „{name}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customer_picker.py" line="56"/>
        <source>No customers yet. Type a name: the customer is created when you attach.</source>
        <translation>Noch keine Kunden. Tippen Sie einen Namen ein: Der Kunde wird beim Zuordnen angelegt.</translation>
    </message>
</context>
<context>
    <name>CustomersImport</name>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="61"/>
        <location filename="../../trayclock/ui/customers/window.py" line="71"/>
        <source>Import customers</source>
        <translation>Kunden importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="72"/>
        <source>Customers in this file: %1. Import them? New ones are created, known ones updated.</source>
        <translation>Kunden in dieser Datei: %1. Importieren? Neue werden angelegt, bekannte aktualisiert.</translation>
    </message>
</context>
<context>
    <name>CustomersWindow</name>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="93"/>
        <location filename="../../trayclock/ui/customers/window.py" line="219"/>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="99"/>
        <source>Search name, key or partner ID…</source>
        <translation>Name, Schlüssel, Partner-ID…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="105"/>
        <source>New customer&apos;s name</source>
        <translation>Name des neuen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="106"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="107"/>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="109"/>
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="233"/>
        <source>Not saved:</source>
        <translation>Nicht gespeichert:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="245"/>
        <source>There is already a customer named %1.</source>
        <translation>Es gibt bereits einen Kunden namens %1.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="247"/>
        <source>A customer needs a name.</source>
        <translation>Ein Kunde braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="270"/>
        <location filename="../../trayclock/ui/customers/window.py" line="277"/>
        <source>The file was not imported:</source>
        <translation>Die Datei wurde nicht importiert:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/window.py" line="282"/>
        <source>Imported: %1 created, %2 updated.</source>
        <translation>Importiert: %1 angelegt, %2 aktualisiert.</translation>
    </message>
</context>
<context>
    <name>DetectionPage</name>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="52"/>
        <source>Detect sessions of</source>
        <translation>Sitzungen erkennen von</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="60"/>
        <source>Grace period (s)</source>
        <translation>Kulanzzeit (s)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="65"/>
        <source>How long a session may vanish before it counts as ended, and how soon a returning partner continues the same entry.</source>
        <translation>Wie lange eine Sitzung verschwinden darf, bevor sie als beendet gilt, und wie bald ein zurückkehrender Partner denselben Eintrag fortsetzt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="76"/>
        <source>%1=%2 is set: it wins over this value while it is set.</source>
        <translation>%1=%2 ist gesetzt: Diese Umgebungsvariable gilt statt dieses Werts.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="85"/>
        <source>Log files (for portable or branded installs)</source>
        <translation>Protokolldateien (für portable oder angepasste Installationen)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="91"/>
        <source>read only these files (one per line, * allowed)</source>
        <translation>nur diese Dateien lesen (eine pro Zeile, * erlaubt)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="95"/>
        <source>none: this app&apos;s logs are not read</source>
        <translation>keine: die Protokolle dieser App werden nicht gelesen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="102"/>
        <source>%1 names this app: it wins over these paths while it is set.</source>
        <translation>%1 nennt diese App: Diese Umgebungsvariable gilt statt dieser Pfade.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/detection_page.py" line="119"/>
        <source>Unticked: the usual places of each app are read.</source>
        <translation>Nicht angehakt: die üblichen Orte jeder App werden gelesen.</translation>
    </message>
</context>
<context>
    <name>ExampleBox</name>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="38"/>
        <source>What would a call cost? (the unsaved rules, priced by the engine)</source>
        <translation>Was würde ein Anruf kosten? (nach den noch nicht gespeicherten Regeln)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="42"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="56"/>
        <source>A call of</source>
        <translation>Ein Anruf von</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="58"/>
        <source>at</source>
        <translation>um</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="60"/>
        <source>on a</source>
        <translation>an einem</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="97"/>
        <source>Fix the fields marked in red to see a price.</source>
        <translation>Korrigieren Sie die rot markierten Felder, um einen Preis zu sehen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="103"/>
        <source>The engine refuses these rules: %1</source>
        <translation>Die Abrechnung lehnt diese Regeln ab: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="113"/>
        <source>A %1-minute call at %2 on %3</source>
        <translation>Ein Anruf von %1 Minuten um %2 am %3,</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="125"/>
        <source>is held for review; once approved it costs %1 (%2).</source>
        <translation>wird zur Prüfung zurückgehalten; genehmigt kostet er %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="132"/>
        <source>costs %1 (%2).</source>
        <translation>kostet %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="120"/>
        <source>is free (shorter than the free threshold).</source>
        <translation>ist kostenlos (kürzer als die Freigrenze).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="138"/>
        <source>%1 min billed</source>
        <translation>%1 Min. abgerechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="141"/>
        <source>after hours × %1 = %2 min</source>
        <translation>außerhalb der Geschäftszeiten × %1 = %2 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="146"/>
        <source>business hours</source>
        <translation>Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="149"/>
        <source>%1 min from the contract</source>
        <translation>%1 Min. aus dem Vertrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/example.py" line="154"/>
        <source>raised to the minimum charge</source>
        <translation>auf den Mindestbetrag angehoben</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="50"/>
        <source>closed day</source>
        <translation>kein Geschäftstag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="51"/>
        <source>holiday</source>
        <translation>Feiertag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="52"/>
        <source>before opening</source>
        <translation>vor Geschäftsbeginn</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="53"/>
        <source>after closing</source>
        <translation>nach Geschäftsschluss</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="56"/>
        <source>%1 rounded up to %2</source>
        <translation>%1 aufgerundet auf %2</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="57"/>
        <source>%1 rounded to %2</source>
        <translation>%1 gerundet auf %2</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="58"/>
        <source>%1 rounded down to %2</source>
        <translation>%1 abgerundet auf %2</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="61"/>
        <source>%1 from the hours bank</source>
        <translation>%1 aus dem Stundenkontingent</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="62"/>
        <source>%1 from the monthly quota</source>
        <translation>%1 aus dem Monatskontingent</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="64"/>
        <source>%1 from the contract</source>
        <translation>%1 aus dem Vertrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="77"/>
        <source>free: under %1</source>
        <translation>kostenlos: unter %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="79"/>
        <source>over %1: approve it to bill it</source>
        <translation>über %1: zum Abrechnen genehmigen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="82"/>
        <source>over %1, approved</source>
        <translation>über %1, genehmigt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="84"/>
        <source>same customer at the same time: counted in the session of %1</source>
        <translation>derselbe Kunde zur selben Zeit: in der Sitzung ab %1 gezählt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="89"/>
        <source>%1 after sharing time with other customers</source>
        <translation>%1 nach Teilung der Zeit mit anderen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="94"/>
        <source>raised to the minimum of %1</source>
        <translation>auf das Minimum von %1 angehoben</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="97"/>
        <source>after hours ×%1</source>
        <translation>außerhalb der Geschäftszeit ×%1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="104"/>
        <source>contract used up</source>
        <translation>Kontingent aufgebraucht</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="106"/>
        <source>minimum charge %1</source>
        <translation>Mindestbetrag %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="119"/>
        <source>no customer yet: attach one</source>
        <translation>noch kein Kunde: bitte zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="123"/>
        <source>until then by the company policy: %1</source>
        <translation>bis dahin nach den Firmenregeln: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="130"/>
        <source>%1 billed, %2</source>
        <translation>%1 abgerechnet, %2</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="147"/>
        <source>%1 worked</source>
        <translation>%1 gearbeitet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="155"/>
        <source>rounded up to %1</source>
        <translation>aufgerundet auf %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="156"/>
        <source>rounded to %1</source>
        <translation>gerundet auf %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="157"/>
        <source>rounded down to %1</source>
        <translation>abgerundet auf %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="164"/>
        <source>%1 worked (%2 paused)</source>
        <translation>%1 gearbeitet (%2 Pause)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="167"/>
        <source>after hours: at least %1</source>
        <translation>außerhalb der Geschäftszeit: mindestens %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="204"/>
        <source>idle %1 suggested as a pause: billed until accepted</source>
        <translation>%1 ohne Eingabe als Pause vorgeschlagen: berechnet, bis angenommen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="212"/>
        <location filename="../../trayclock/ui/review/explain.py" line="236"/>
        <source>pricing…</source>
        <translation>wird berechnet…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="213"/>
        <source>still running: priced when it ends</source>
        <translation>läuft noch: wird bei Ende berechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="214"/>
        <source>discarded: not billed (restore it to bring it back)</source>
        <translation>verworfen: nicht abgerechnet (Wiederherstellen holt ihn zurück)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="217"/>
        <source>no time: it ends where it starts</source>
        <translation>keine Zeit: endet, wo er beginnt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="230"/>
        <source>billed</source>
        <translation>abgerechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="231"/>
        <source>free</source>
        <translation>kostenlos</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="232"/>
        <source>needs review</source>
        <translation>zu prüfen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="233"/>
        <source>merged</source>
        <translation>zusammengeführt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="234"/>
        <source>non-billable</source>
        <translation>nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="235"/>
        <source>no customer</source>
        <translation>kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="237"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="238"/>
        <source>discarded</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="239"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="75"/>
        <location filename="../../trayclock/ui/review/explain.py" line="221"/>
        <source>marked non-billable</source>
        <translation>als nicht abrechenbar markiert</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="222"/>
        <source>long session: approve it to bill it</source>
        <translation>lange Sitzung: zum Abrechnen genehmigen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="223"/>
        <source>same customer at the same time: counted once</source>
        <translation>derselbe Kunde zur selben Zeit: einmal gezählt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/explain.py" line="224"/>
        <source>free quick fix</source>
        <translation>kostenlose Kurzhilfe</translation>
    </message>
</context>
<context>
    <name>FirstStartSetup</name>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="47"/>
        <source>Welcome to trayclock</source>
        <translation>Willkommen bei trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="52"/>
        <source>trayclock prices your remote sessions by your company&apos;s rules. Set the basics now; everything else, and these again, is in Settings. Skip to start with the defaults (85.00 USD an hour, every started 15 minutes).</source>
        <translation>trayclock berechnet Ihre Fernwartungssitzungen nach den Regeln Ihrer Firma. Legen Sie jetzt das Wichtigste fest; alles andere, und auch dies, finden Sie in den Einstellungen. Überspringen Sie, um mit den Vorgaben zu beginnen (85,00 USD pro Stunde, jede angefangene Viertelstunde).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="69"/>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/setup.py" line="78"/>
        <source>You can change all of this later in Settings.</source>
        <translation>All das können Sie später in den Einstellungen ändern.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="47"/>
        <source>as the system</source>
        <translation>wie das System</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="52"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="53"/>
        <source>A new language applies at the next start.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="54"/>
        <source>Remind me to review the day at</source>
        <translation>An die Prüfung des Tages erinnern um</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="58"/>
        <source>Start trayclock when I log in</source>
        <translation>trayclock bei der Anmeldung starten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="65"/>
        <source>Not available in this build.</source>
        <translation>In dieser Version nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="68"/>
        <source>Data folder: %1</source>
        <translation>Datenordner: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="73"/>
        <source>Company settings file</source>
        <translation>Firmen-Einstellungsdatei</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="78"/>
        <source>One file with the billing rules, business hours, customers with their rates and contracts, and the partner IDs, for every technician. Never passwords, never time entries.</source>
        <translation>Eine Datei mit den Abrechnungsregeln, Geschäftszeiten, Kunden mit ihren Sätzen und Verträgen und den Partner-IDs, für alle Techniker. Nie Passwörter, nie Zeiteinträge.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="86"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/general_page.py" line="88"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="86"/>
        <source>Business hours (outside them the after-hours rules apply)</source>
        <translation>Geschäftszeiten (außerhalb davon gelten die Regeln für außerhalb der Geschäftszeit)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="98"/>
        <source>Open on</source>
        <translation>Geöffnet am</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="107"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="110"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="118"/>
        <source>The billing rules have one opening span for all the chosen days: hours that differ by weekday cannot be set.</source>
        <translation>Die Abrechnungsregeln kennen eine Öffnungszeit für alle gewählten Tage: je Wochentag verschiedene Zeiten lassen sich nicht festlegen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="158"/>
        <source>Holidays (after-hours all day)</source>
        <translation>Feiertage (ganztägig außerhalb der Geschäftszeit)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="171"/>
        <source>Add public holidays</source>
        <translation>Gesetzliche Feiertage hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="190"/>
        <source>Add date</source>
        <translation>Datum hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="191"/>
        <source>Remove selected</source>
        <translation>Auswahl entfernen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/hours_page.py" line="209"/>
        <source>whole country</source>
        <translation>ganzes Land</translation>
    </message>
</context>
<context>
    <name>ImportConfirm</name>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="39"/>
        <source>Import company settings</source>
        <translation>Firmen-Einstellungen importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="47"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="52"/>
        <source>%1 changes this:</source>
        <translation>%1 ändert Folgendes:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="61"/>
        <source>Policy: %1</source>
        <translation>Regeln: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="63"/>
        <source>New customer: %1 (%2)</source>
        <translation>Neuer Kunde: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="68"/>
        <source>Changed: %1: %2</source>
        <translation>Geändert: %1: %2</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="74"/>
        <source>Removed (archived, its entries stay): %1</source>
        <translation>Entfernt (archiviert, seine Einträge bleiben): %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="78"/>
        <source>New partner: %1 %2 → %3</source>
        <translation>Neuer Partner: %1 %2 → %3</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="84"/>
        <source>Partner moves: %1 %2 from %3 to %4</source>
        <translation>Partner wechselt: %1 %2 von %3 zu %4</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="90"/>
        <source>Note: %1 is new here, but %2 has the same name: they stay two customers.</source>
        <translation>Hinweis: %1 ist hier neu, aber %2 hat denselben Namen: es bleiben zwei Kunden.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="96"/>
        <source>Kept, only on this computer: %1</source>
        <translation>Bleibt, nur auf diesem Computer: %1</translation>
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="36"/>
        <source>Previous day (Alt+Left)</source>
        <translation>Zurück (Alt+Links)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="43"/>
        <source>Next day (Alt+Right)</source>
        <translation>Weiter (Alt+Rechts)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="54"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="58"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="58"/>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="58"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/navigation.py" line="63"/>
        <source>Show discarded</source>
        <translation>Verworfene zeigen</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../trayclock/ui/notifier.py" line="104"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>PartnersBox</name>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="46"/>
        <source>Partner IDs: their sessions attach to this customer by themselves</source>
        <translation>Partner-IDs: ihre Sitzungen werden diesem Kunden von selbst zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="53"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="53"/>
        <source>Partner ID</source>
        <translation>Partner-ID</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="53"/>
        <source>Last name seen</source>
        <translation>Zuletzt gesehener Name</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="69"/>
        <source>name (optional)</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="70"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="72"/>
        <source>Forget this partner</source>
        <translation>Diesen Partner vergessen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="76"/>
        <source>Move to</source>
        <translation>Verschieben zu</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="141"/>
        <location filename="../../trayclock/ui/customers/partners.py" line="169"/>
        <source>Move a partner</source>
        <translation>Partner verschieben</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="142"/>
        <source>%1 %2 belongs to %3. Move it to this customer?</source>
        <translation>%1 %2 gehört zu %3. Zu diesem Kunden verschieben?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/partners.py" line="170"/>
        <source>Move %1 %2 to %3? Its next sessions attach to %3.</source>
        <translation>%1 %2 zu %3 verschieben? Seine nächsten Sitzungen gehören dann zu %3.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../trayclock/ui/sync_password.py" line="42"/>
        <source>Sync paused</source>
        <translation>Synchronisation angehalten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_password.py" line="56"/>
        <source>Save and sync</source>
        <translation>Speichern und synchronisieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_password.py" line="78"/>
        <source>{backend} refused the {secret} ({where}), so sync is paused. Type it again: it is kept in the system keyring only.</source>
        <translation>{backend} hat das {secret} abgelehnt ({where}), darum ist die Synchronisation angehalten. Geben Sie es neu ein: es wird nur im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_password.py" line="95"/>
        <source>Not stored: {why}</source>
        <translation>Nicht gespeichert: {why}</translation>
    </message>
</context>
<context>
    <name>PausePanel</name>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="54"/>
        <source>Pauses</source>
        <translation>Pausen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="70"/>
        <source>Pause it</source>
        <translation>Als Pause</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="73"/>
        <source>Accept the idle suggestion: its time is not billed</source>
        <translation>Den Vorschlag annehmen: diese Zeit wird nicht berechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="76"/>
        <source>Keep as worked</source>
        <translation>Als Arbeitszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="79"/>
        <source>Turn the suggestion down: its time stays billed</source>
        <translation>Den Vorschlag ablehnen: diese Zeit bleibt berechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="82"/>
        <source>Split there</source>
        <translation>Dort teilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="85"/>
        <source>Make the pause the gap between two entries</source>
        <translation>Die Pause zur Lücke zwischen zwei Einträgen machen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="88"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="91"/>
        <source>Take the pause away: its time is worked time again</source>
        <translation>Die Pause entfernen: ihre Zeit ist wieder Arbeitszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="106"/>
        <source>Add pause</source>
        <translation>Pause hinzufügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="109"/>
        <source>Not billed: from–to inside the entry, leaving some worked time</source>
        <translation>Nicht berechnet: von–bis innerhalb des Eintrags, etwas Arbeitszeit muss bleiben</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="117"/>
        <source>Join as one call</source>
        <translation>Als eine Sitzung zusammenfügen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="121"/>
        <source>Join the selected pieces of one call into one entry: the time between them becomes a pause</source>
        <translation>Die gewählten Teile einer Sitzung zu einem Eintrag zusammenfügen: die Zeit dazwischen wird eine Pause</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_panel.py" line="172"/>
        <source>No pauses</source>
        <translation>Keine Pausen</translation>
    </message>
</context>
<context>
    <name>Pauses</name>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="30"/>
        <source>%1, %2 paused</source>
        <translation>%1, %2 Pause</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="37"/>
        <source>%1 · idle %2 (suggested)</source>
        <translation>%1 · %2 ohne Eingabe (Vorschlag)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="47"/>
        <source>the computer slept</source>
        <translation>der Computer schlief</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="49"/>
        <source>the clock jumped</source>
        <translation>die Uhr sprang</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="51"/>
        <source>trayclock was not running</source>
        <translation>trayclock lief nicht</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="53"/>
        <source>no keyboard or mouse input</source>
        <translation>keine Tastatur- oder Mauseingabe</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="55"/>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="56"/>
        <source>added by hand</source>
        <translation>von Hand hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="64"/>
        <source>paused, not billed</source>
        <translation>Pause, nicht berechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="66"/>
        <source>suggested: billed until you pause it</source>
        <translation>vorgeschlagen: berechnet, bis Sie die Pause annehmen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/pause_texts.py" line="68"/>
        <source>kept as worked time</source>
        <translation>als Arbeitszeit behalten</translation>
    </message>
</context>
<context>
    <name>PolicyLabels</name>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="13"/>
        <source>Hourly rate</source>
        <translation>Stundensatz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="14"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="15"/>
        <source>Billing increment (min)</source>
        <translation>Abrechnungstakt (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="16"/>
        <source>Rounding</source>
        <translation>Rundung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="17"/>
        <source>Free when shorter than (min)</source>
        <translation>Kostenlos, wenn kürzer als (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="20"/>
        <source>Bill at least (min)</source>
        <translation>Mindestens abrechnen (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="21"/>
        <source>Minimum charge</source>
        <translation>Mindestbetrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="22"/>
        <source>Hold for review when longer than (min)</source>
        <translation>Zur Prüfung zurückhalten ab (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="25"/>
        <source>After-hours factor</source>
        <translation>Faktor außerhalb der Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="26"/>
        <source>After hours, bill at least (min)</source>
        <translation>Außerhalb der Geschäftszeit mind. (Min.)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="29"/>
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="30"/>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="37"/>
        <source>every started increment (up)</source>
        <translation>jeder angefangene Takt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="38"/>
        <source>to the nearest increment</source>
        <translation>auf den nächsten Takt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="39"/>
        <source>down to the increment</source>
        <translation>auf den Takt abrunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="45"/>
        <source>bill each customer the full shared time</source>
        <translation>jedem Kunden die volle gemeinsame Zeit berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="48"/>
        <source>split the shared time between them</source>
        <translation>die gemeinsame Zeit zwischen ihnen teilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="55"/>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="56"/>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="57"/>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="58"/>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="59"/>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="60"/>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="61"/>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="68"/>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="69"/>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="70"/>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="71"/>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="72"/>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="73"/>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/labels.py" line="74"/>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
</context>
<context>
    <name>ReviewReminder</name>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="116"/>
        <source>Click to review them.</source>
        <translation>Zum Prüfen klicken.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="118"/>
        <source>Review them from the tray menu.</source>
        <translation>Prüfen Sie sie über das Menü im Infobereich.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="120"/>
        <source>%1 has entries nobody has reviewed yet.</source>
        <translation>%1 hat Einträge, die noch niemand geprüft hat.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/reminder.py" line="123"/>
        <source>Review your day</source>
        <translation>Prüfen Sie Ihren Tag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/openers.py" line="152"/>
        <source>Review the day</source>
        <translation>Tag prüfen</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="84"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="85"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="86"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="87"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="88"/>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="89"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="90"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="91"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="92"/>
        <source>Billable</source>
        <translation>Abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="93"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="94"/>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="95"/>
        <source>Billed</source>
        <translation>Abgerechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="96"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="97"/>
        <source>Why this amount</source>
        <translation>Warum dieser Betrag</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/table_model.py" line="219"/>
        <source>Overlaps the session(s) starting %1</source>
        <translation>
            <numerusform>Überschneidet sich mit der Sitzung ab %1</numerusform>
            <numerusform>Überschneidet sich mit den Sitzungen ab %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/table_model.py" line="252"/>
        <source>— attach —</source>
        <translation>— zuordnen —</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="205"/>
        <location filename="../../trayclock/ui/review/window.py" line="387"/>
        <source>Submit day</source>
        <translation>Tag übermitteln</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="208"/>
        <source>Mark the entries reviewed and queue them for sync</source>
        <translation>Die Einträge als geprüft markieren und zur Synchronisierung vormerken</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="314"/>
        <source>Cannot price this day: %1</source>
        <translation>Dieser Tag lässt sich nicht berechnen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="366"/>
        <source>%n entries, priced</source>
        <translation>
            <numerusform>%n Eintrag, berechnet</numerusform>
            <numerusform>%n Einträge, berechnet</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="368"/>
        <source>No entries</source>
        <translation>Keine Einträge</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="371"/>
        <source>Pricing…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="388"/>
        <source>Submit week</source>
        <translation>Woche übermitteln</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="389"/>
        <source>Submit month</source>
        <translation>Monat übermitteln</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="394"/>
        <source>Review — %1</source>
        <translation>Prüfung — %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="398"/>
        <source>%n session(s) without a customer</source>
        <translation>
            <numerusform>%n Sitzung ohne Kunden</numerusform>
            <numerusform>%n Sitzungen ohne Kunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="399"/>
        <source>%n long session(s) to approve</source>
        <translation>
            <numerusform>%n lange Sitzung zu genehmigen</numerusform>
            <numerusform>%n lange Sitzungen zu genehmigen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="400"/>
        <source>%n session(s) still running</source>
        <translation>
            <numerusform>%n Sitzung läuft noch</numerusform>
            <numerusform>%n Sitzungen laufen noch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="401"/>
        <source>%n overlap(s)</source>
        <translation>
            <numerusform>%n Überschneidung</numerusform>
            <numerusform>%n Überschneidungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="403"/>
        <source>No entries on this day.</source>
        <translation>Keine Einträge an diesem Tag.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="405"/>
        <source>No entries in this range.</source>
        <translation>Keine Einträge in diesem Zeitraum.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="407"/>
        <source>Everything attached and approved: ready to submit.</source>
        <translation>Alles zugeordnet und genehmigt: bereit zum Übermitteln.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="408"/>
        <source>Submitted: every entry is reviewed and queued for sync.</source>
        <translation>Übermittelt: Jeder Eintrag ist geprüft und zur Synchronisierung vorgemerkt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="458"/>
        <source>The change was not saved: %1</source>
        <translation>Die Änderung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="498"/>
        <source>Split at a time inside the entry (%1).</source>
        <translation>Teilen Sie zu einer Uhrzeit innerhalb des Eintrags (%1).</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="508"/>
        <source>Only entries of one customer can be merged.</source>
        <translation>Nur Einträge desselben Kunden lassen sich zusammenführen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/window.py" line="558"/>
        <source>Submit the day</source>
        <translation>Tag übermitteln</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/window.py" line="581"/>
        <source>%n long session(s) still need an approval. Submit the others and leave these open?</source>
        <translation>
            <numerusform>%n lange Sitzung muss noch genehmigt werden. Die anderen übermitteln und sie offen lassen?</numerusform>
            <numerusform>%n lange Sitzungen müssen noch genehmigt werden. Die anderen übermitteln und diese offen lassen?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="43"/>
        <source>Not submitted yet</source>
        <translation>Noch nicht übermittelt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="44"/>
        <source>Every session must have ended and have a customer before the day is submitted. Still open:</source>
        <translation>Bevor der Tag übermittelt wird, muss jede Sitzung beendet sein und einen Kunden haben. Noch offen:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="29"/>
        <source>still running, no customer yet</source>
        <translation>läuft noch, noch kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="31"/>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/submit_blocked.py" line="35"/>
        <source>no customer yet</source>
        <translation>noch kein Kunde</translation>
    </message>
</context>
<context>
    <name>RolloutDialog</name>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="112"/>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="124"/>
        <source>Export company settings</source>
        <translation>Firmen-Einstellungen exportieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="140"/>
        <source>Import company settings</source>
        <translation>Firmen-Einstellungen importieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="149"/>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="167"/>
        <source>The file was not imported:</source>
        <translation>Die Datei wurde nicht importiert:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/rollout_dialog.py" line="157"/>
        <source>This computer already has these settings.</source>
        <translation>Dieser Computer hat diese Einstellungen bereits.</translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="73"/>
        <source>Selected</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="83"/>
        <source>Save ticket and notes</source>
        <translation>Ticket und Notizen speichern</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="97"/>
        <source>Nothing selected</source>
        <translation>Nichts ausgewählt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="128"/>
        <source>customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="130"/>
        <source>Attach</source>
        <translation>Zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="133"/>
        <source>Attach every selected entry to this customer</source>
        <translation>Alle ausgewählten Einträge diesem Kunden zuordnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="148"/>
        <source>Set</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="153"/>
        <source>Times</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="158"/>
        <source>Split here</source>
        <translation>Hier teilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="161"/>
        <source>Split at</source>
        <translation>Teilen um</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="164"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="168"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="174"/>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="177"/>
        <source>Approve long sessions so they are billed</source>
        <translation>Lange Sitzungen genehmigen, damit sie abgerechnet werden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="179"/>
        <location filename="../../trayclock/ui/review/panel.py" line="273"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="181"/>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="184"/>
        <source>Fold the selected entries into the earliest one</source>
        <translation>Die ausgewählten Einträge im frühesten zusammenführen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="193"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="196"/>
        <source>Hide from billing; kept in the audit trail</source>
        <translation>Aus der Abrechnung nehmen; bleibt im Änderungsprotokoll</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="198"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="238"/>
        <source>Nothing selected: click a bar or a row.</source>
        <translation>Nichts ausgewählt: Klicken Sie auf einen Balken oder eine Zeile.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="241"/>
        <source>no customer</source>
        <translation>Kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="243"/>
        <source>Why this amount: </source>
        <translation>Warum dieser Betrag: </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/panel.py" line="246"/>
        <source>%n entries selected</source>
        <translation>
            <numerusform>%n Eintrag ausgewählt</numerusform>
            <numerusform>%n Einträge ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/panel.py" line="273"/>
        <source>Billable</source>
        <translation>Abrechenbar</translation>
    </message>
</context>
<context>
    <name>SettingsCheck</name>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="100"/>
        <source>{what} cannot be negative.</source>
        <translation>{what} darf nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="104"/>
        <source>“{value}” is not a number; type it like {example}.</source>
        <translation>„{value}“ ist keine Zahl; schreiben Sie sie wie {example}.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="112"/>
        <source>{what} has at most {places} decimals.</source>
        <translation>{what} hat höchstens {places} Nachkommastellen.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="123"/>
        <source>Type the hourly rate, like 85.00.</source>
        <translation>Geben Sie den Stundensatz ein, z. B. 85,00.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="124"/>
        <source>85.00</source>
        <translation>85,00</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="125"/>
        <source>The hourly rate</source>
        <translation>Der Stundensatz</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="133"/>
        <source>Type the minimum charge (0.00 for none).</source>
        <translation>Geben Sie den Mindestbetrag ein (0,00 für keinen).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="134"/>
        <source>35.00</source>
        <translation>35,00</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="135"/>
        <source>The minimum charge</source>
        <translation>Der Mindestbetrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="144"/>
        <source>Type the after-hours factor, like 1.5.</source>
        <translation>Geben Sie den Faktor außerhalb der Geschäftszeit ein, z. B. 1,5.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="145"/>
        <source>1.5</source>
        <translation>1,5</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="146"/>
        <source>The after-hours factor</source>
        <translation>Der Faktor außerhalb der Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="155"/>
        <source>Type a three-letter currency code, like EUR.</source>
        <translation>Geben Sie einen dreibuchstabigen Währungscode ein, z. B. EUR.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="159"/>
        <source>“{value}” is not a currency code: three letters, like EUR or USD.</source>
        <translation>„{value}“ ist kein Währungscode: drei Buchstaben, wie EUR oder USD.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="176"/>
        <source>Minutes cannot be negative.</source>
        <translation>Minuten dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="177"/>
        <source>“{value}” is not a number of minutes.</source>
        <translation>„{value}“ ist keine Anzahl Minuten.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="189"/>
        <source>Whole minutes only, like 15.</source>
        <translation>Nur ganze Minuten, z. B. 15.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="192"/>
        <source>At least {least} minute.</source>
        <translation>Mindestens {least} Minute.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="204"/>
        <source>Type the billing increment in minutes, like 15.</source>
        <translation>Geben Sie den Abrechnungstakt in Minuten ein, z. B. 15.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="213"/>
        <source>Type a number of minutes (0: nothing is free).</source>
        <translation>Geben Sie eine Anzahl Minuten ein (0: nichts ist kostenlos).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="221"/>
        <location filename="../../trayclock/services/settings_check.py" line="229"/>
        <source>Type whole minutes (0: no minimum).</source>
        <translation>Geben Sie ganze Minuten ein (0: kein Minimum).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="237"/>
        <source>Type after how many minutes an entry is held for review.</source>
        <translation>Geben Sie ein, nach wie vielen Minuten ein Eintrag zur Prüfung zurückgehalten wird.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="248"/>
        <source>Type the grace period in seconds, like 60.</source>
        <translation>Geben Sie die Kulanzzeit in Sekunden ein, z. B. 60.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="250"/>
        <source>Seconds cannot be negative.</source>
        <translation>Sekunden dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="251"/>
        <source>“{value}” is not a number of seconds.</source>
        <translation>„{value}“ ist keine Anzahl Sekunden.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="259"/>
        <source>Type the included hours, like 10 or 7:30.</source>
        <translation>Geben Sie die enthaltenen Stunden ein, z. B. 10 oder 7:30.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="261"/>
        <source>Hours cannot be negative.</source>
        <translation>Stunden dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="266"/>
        <source>“{value}” is not hours like 7:30.</source>
        <translation>„{value}“ sind keine Stunden wie 7:30.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="273"/>
        <source>“{value}” is not a number of hours.</source>
        <translation>„{value}“ ist keine Anzahl Stunden.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="279"/>
        <source>That is not a whole number of minutes; try 7:30.</source>
        <translation>Das sind keine ganzen Minuten; versuchen Sie 7:30.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="297"/>
        <source>Type a time like 08:00.</source>
        <translation>Geben Sie eine Uhrzeit wie 08:00 ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="299"/>
        <source>“{value}” is not a time like 08:00 (24 hours).</source>
        <translation>„{value}“ ist keine Uhrzeit wie 08:00 (24 Stunden).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="312"/>
        <source>Closing time must be after opening time ({start}).</source>
        <translation>Das Ende muss nach dem Beginn liegen ({start}).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="323"/>
        <source>Choose at least one business day.</source>
        <translation>Wählen Sie mindestens einen Geschäftstag.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="325"/>
        <source>Days are ISO weekdays 1–7 (Monday = 1).</source>
        <translation>Tage sind ISO-Wochentage 1–7 (Montag = 1).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="338"/>
        <source>Type a date like 2026-12-25.</source>
        <translation>Geben Sie ein Datum wie 2026-12-25 ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="340"/>
        <source>“{value}” is not a date like 2026-12-25.</source>
        <translation>„{value}“ ist kein Datum wie 2026-12-25.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="349"/>
        <source>Choose a time zone, like Europe/Berlin.</source>
        <translation>Wählen Sie eine Zeitzone, z. B. Europe/Berlin.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="354"/>
        <source>“{value}” is not a time zone; pick one like Europe/Berlin.</source>
        <translation>„{value}“ ist keine Zeitzone; wählen Sie eine wie Europe/Berlin.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="370"/>
        <source>Choose at least one remote app (pause detection from the tray to stop it).</source>
        <translation>Wählen Sie mindestens eine Fernwartungs-App (zum Anhalten die Erkennung im Tray pausieren).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="384"/>
        <source>A path cannot contain a NUL character.</source>
        <translation>Ein Pfad darf kein NUL-Zeichen enthalten.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="393"/>
        <source>Type the partner ID, like 123 456 789.</source>
        <translation>Geben Sie die Partner-ID ein, z. B. 123 456 789.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/settings_check.py" line="396"/>
        <source>“{value}” is not a partner ID.</source>
        <translation>„{value}“ ist keine Partner-ID.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="36"/>
        <source>Type the address, like https://erp.example.com.</source>
        <translation>Geben Sie die Adresse ein, etwa https://erp.example.com.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="40"/>
        <source>“{value}” is not a web address.</source>
        <translation>„{value}“ ist keine Webadresse.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="55"/>
        <source>Leave the user name and password out of the address: the secret has its own field (it is kept in the keyring).</source>
        <translation>Benutzername und Passwort gehören nicht in die Adresse: das Geheimnis hat ein eigenes Feld (es wird im Schlüsselbund gespeichert).</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="63"/>
        <source>Plain http:// only reaches this computer (localhost); use https://.</source>
        <translation>Einfaches http:// ist nur zu diesem Computer erlaubt (localhost); verwenden Sie https://.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="69"/>
        <source>“{value}” is not a web address; type it like https://erp.example.com.</source>
        <translation>„{value}“ ist keine Webadresse; schreiben Sie sie wie https://erp.example.com.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="80"/>
        <source>Type the Tryton database&apos;s name.</source>
        <translation>Geben Sie den Namen der Tryton-Datenbank ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="83"/>
        <source>“{value}” is not a Tryton database name.</source>
        <translation>„{value}“ ist kein Name einer Tryton-Datenbank.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="93"/>
        <source>Type the Tryton user&apos;s login.</source>
        <translation>Geben Sie den Anmeldenamen des Tryton-Benutzers ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="96"/>
        <source>“{value}” is not a user&apos;s login.</source>
        <translation>„{value}“ ist kein Anmeldename.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="108"/>
        <source>Type the password (token, secret) for this backend: none is stored for it.</source>
        <translation>Geben Sie das Passwort (Token, Geheimnis) für dieses Backend ein: dafür ist keines gespeichert.</translation>
    </message>
    <message>
        <location filename="../../trayclock/services/backend_check.py" line="115"/>
        <source>The secret is one line of text.</source>
        <translation>Das Geheimnis ist eine einzige Textzeile.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="77"/>
        <location filename="../../trayclock/ui/settings/window.py" line="182"/>
        <location filename="../../trayclock/ui/settings/window.py" line="194"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="88"/>
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="89"/>
        <source>Hours</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="90"/>
        <source>Detection</source>
        <translation>Erkennung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="91"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="92"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="163"/>
        <source>Not saved yet: %1</source>
        <translation>Noch nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="182"/>
        <source>Not saved:</source>
        <translation>Nicht gespeichert:</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="195"/>
        <source>Start at login could not be changed: %1</source>
        <translation>Start bei der Anmeldung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="201"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/settings/window.py" line="215"/>
        <source>The other settings are saved; the backend is not: %1</source>
        <translation>Die übrigen Einstellungen sind gespeichert, das Backend nicht: %1</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="21"/>
        <source>trayclock</source>
        <translation>trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="24"/>
        <source>This desktop has no system tray, so trayclock shows this window.</source>
        <translation>Dieser Desktop hat keinen Infobereich, darum zeigt trayclock dieses Fenster.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/status_window.py" line="29"/>
        <source>Menu…</source>
        <translation>Menü…</translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message>
        <location filename="../../trayclock/ui/review/suggestion_bar.py" line="36"/>
        <source>Idle time to answer — billed as worked time until you pause it:</source>
        <translation>Zeit ohne Eingabe zu beantworten — als Arbeitszeit berechnet, bis Sie die Pause annehmen:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/suggestion_bar.py" line="65"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…und %n weitere</numerusform>
            <numerusform>…und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/suggestion_bar.py" line="81"/>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/suggestion_bar.py" line="83"/>
        <source>Show this entry in the review</source>
        <translation>Diesen Eintrag in der Prüfung zeigen</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="36"/>
        <source>Idle %1 during %2</source>
        <translation>%1 ohne Eingabe bei %2</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="44"/>
        <source>%1 — keep / pause / split</source>
        <translation>%1 — behalten / Pause / teilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="72"/>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="73"/>
        <source>Keep: bill it as worked time</source>
        <translation>Behalten: als Arbeitszeit berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="77"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="78"/>
        <source>Pause: do not bill it</source>
        <translation>Pause: nicht berechnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="81"/>
        <source>Split</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="82"/>
        <source>Split the session there</source>
        <translation>Die Sitzung dort teilen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="100"/>
        <source>Idle time: billed until you answer</source>
        <translation>Zeit ohne Eingabe: berechnet, bis Sie antworten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions.py" line="116"/>
        <source>More in the review window: %1</source>
        <translation>Weitere im Prüffenster: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions_notify.py" line="37"/>
        <source>No input %1. Keep it as worked time, pause it (not billed), or split the session there?</source>
        <translation>Keine Eingabe %1. Als Arbeitszeit behalten, als Pause nehmen (nicht berechnet) oder die Sitzung dort teilen?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/suggestions_notify.py" line="52"/>
        <source>No input %1: billed as worked time until you answer. Keep, pause or split: see the tray menu.</source>
        <translation>Keine Eingabe %1: als Arbeitszeit berechnet, bis Sie antworten. Behalten, Pause oder teilen: siehe das Menü im Infobereich.</translation>
    </message>
</context>
<context>
    <name>SyncBox</name>
    <message>
        <location filename="../../trayclock/ui/review/sync_box.py" line="32"/>
        <source>Keep mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/sync_box.py" line="35"/>
        <source>Write trayclock&apos;s values over the line in the backend</source>
        <translation>Die Werte von trayclock über die Zeile im Backend schreiben</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/sync_box.py" line="37"/>
        <source>Take theirs</source>
        <translation>Ihre übernehmen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/sync_box.py" line="39"/>
        <source>Make this entry match the line in the backend</source>
        <translation>Diesen Eintrag an die Zeile im Backend angleichen</translation>
    </message>
</context>
<context>
    <name>SyncCounts</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/sync_words.py" line="43"/>
        <source>%n entries refused</source>
        <translation>
            <numerusform>%n Eintrag abgelehnt</numerusform>
            <numerusform>%n Einträge abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/sync_words.py" line="46"/>
        <source>%n conflicts to decide</source>
        <translation>
            <numerusform>%n Konflikt zu entscheiden</numerusform>
            <numerusform>%n Konflikte zu entscheiden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/sync_words.py" line="49"/>
        <source>Sync: %n waiting</source>
        <translation>
            <numerusform>Sync: %n wartet</numerusform>
            <numerusform>Sync: %n warten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncReason</name>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="142"/>
        <source>{text}</source>
        <translation>{text}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="143"/>
        <source>no backend is configured</source>
        <translation>es ist kein Backend eingerichtet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="144"/>
        <source>still running: it is sent when it ends</source>
        <translation>läuft noch: wird gesendet, sobald er endet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="145"/>
        <source>no customer attached: attach one, then it is sent</source>
        <translation>kein Kunde zugeordnet: ordnen Sie einen zu, dann wird er gesendet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="148"/>
        <source>internal error ({error}: {said}); trying again later</source>
        <translation>interner Fehler ({error}: {said}); später neuer Versuch</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="151"/>
        <source>{request}: HTTP {status} with an answer that is not JSON (&apos;{said}&apos;)</source>
        <translation>{request}: HTTP {status} mit einer Antwort, die kein JSON ist („{said}“)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="154"/>
        <source>{request}: HTTP {status} (rate limited): {said}</source>
        <translation>{request}: HTTP {status} (zu viele Anfragen): „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="157"/>
        <source>{request}: HTTP {status} (quota used up): {said}</source>
        <translation>{request}: HTTP {status} (Kontingent aufgebraucht): „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="160"/>
        <source>{request}: HTTP {status} (unavailable): {said}</source>
        <translation>{request}: HTTP {status} (nicht verfügbar): „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="163"/>
        <source>{request}: HTTP {status}: {said}</source>
        <translation>{request}: HTTP {status}: „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="164"/>
        <source>{request}: HTTP {status} (permission denied): {said}</source>
        <translation>{request}: HTTP {status} (keine Berechtigung): „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="167"/>
        <source>{request}: HTTP {status} (credentials refused): {said}</source>
        <translation>{request}: HTTP {status} (Zugangsdaten abgelehnt): „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="170"/>
        <source>{request}: HTTP {status}: redirected to {target}; configure that URL instead</source>
        <translation>{request}: HTTP {status}: weitergeleitet an {target}; richten Sie stattdessen diese Adresse ein</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="173"/>
        <source>{request}: HTTP {status}: redirected elsewhere; configure that URL instead</source>
        <translation>{request}: HTTP {status}: anderswohin weitergeleitet; richten Sie stattdessen diese Adresse ein</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="176"/>
        <source>{request}: the TLS certificate check failed (a captive portal, or a server certificate your system does not trust: give its CA bundle in the settings)</source>
        <translation>{request}: die Prüfung des TLS-Zertifikats ist fehlgeschlagen (ein Anmeldeportal oder ein Serverzertifikat, dem Ihr System nicht vertraut: geben Sie sein CA-Bündel in den Einstellungen an)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="181"/>
        <source>{request}: timed out</source>
        <translation>{request}: Zeitüberschreitung</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="182"/>
        <source>{request}: connection refused</source>
        <translation>{request}: Verbindung abgewiesen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="183"/>
        <source>{request}: connection reset</source>
        <translation>{request}: Verbindung zurückgesetzt</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="184"/>
        <source>{request}: host name not found</source>
        <translation>{request}: Hostname nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="185"/>
        <source>{request}: the connection closed before a complete answer</source>
        <translation>{request}: die Verbindung wurde vor einer vollständigen Antwort geschlossen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="188"/>
        <source>{request}: no connection</source>
        <translation>{request}: keine Verbindung</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="189"/>
        <source>{request}: {error}</source>
        <translation>{request}: {error}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="190"/>
        <source>{request}: the answer is larger than {limit} bytes</source>
        <translation>{request}: die Antwort ist größer als {limit} Byte</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="193"/>
        <source>{request}: no complete answer within {seconds} s</source>
        <translation>{request}: keine vollständige Antwort innerhalb von {seconds} s</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="196"/>
        <source>{request}: HTTP 409, the same event is still in progress</source>
        <translation>{request}: HTTP 409, dasselbe Ereignis wird noch verarbeitet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="199"/>
        <source>not an http(s) URL: &apos;{url}&apos;</source>
        <translation>keine http(s)-Adresse: „{url}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="200"/>
        <source>the URL contains a user name or password; put the secret in the keyring (the configure command asks for it) and leave it out of the URL</source>
        <translation>die Adresse enthält einen Benutzernamen oder ein Passwort; legen Sie das Geheimnis im Schlüsselbund ab (der Einrichtungsbefehl fragt danach) und lassen Sie es aus der Adresse weg</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="205"/>
        <source>{url} uses plain HTTP; use https:// (plain HTTP is accepted only for this computer: localhost, 127.0.0.1, ::1)</source>
        <translation>{url} nutzt einfaches HTTP; verwenden Sie https:// (einfaches HTTP gilt nur für diesen Computer: localhost, 127.0.0.1, ::1)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="210"/>
        <source>no password is stored for {kind} at {url}: run `trayclock backend configure {kind} …` again</source>
        <translation>für {kind} unter {url} ist kein Passwort gespeichert: führen Sie `trayclock backend configure {kind} …` erneut aus</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="215"/>
        <source>no API token is stored for {kind} at {url}: run `trayclock backend configure {kind} …` again</source>
        <translation>für {kind} unter {url} ist kein API-Token gespeichert: führen Sie `trayclock backend configure {kind} …` erneut aus</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="220"/>
        <source>no signing secret is stored for {kind} at {url}: run `trayclock backend configure {kind} …` again</source>
        <translation>für {kind} unter {url} ist kein Signaturgeheimnis gespeichert: führen Sie `trayclock backend configure {kind} …` erneut aus</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="225"/>
        <source>unknown backend &apos;{kind}&apos;</source>
        <translation>unbekanntes Backend „{kind}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="226"/>
        <source>the {keyring} keyring could not {action} ({error}: {said}): unlock it and try again (no keyring running? {hint})</source>
        <translation>der Schlüsselbund {keyring} konnte {action} ({error}: {said}): entsperren Sie ihn und versuchen Sie es erneut (läuft kein Schlüsselbund? {hint})</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="231"/>
        <source>read the secret</source>
        <translation>das Geheimnis nicht lesen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="232"/>
        <source>store the secret</source>
        <translation>das Geheimnis nicht speichern</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="233"/>
        <source>delete the secret</source>
        <translation>das Geheimnis nicht löschen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="234"/>
        <source>the keyring backend &apos;{chosen}&apos; named by {origin} is not an OS keyring (it may keep secrets in plain text, or not at all); trayclock refuses it. Remove that setting and {hint}.</source>
        <translation>der Schlüsselbund „{chosen}“, den {origin} nennt, ist kein Schlüsselbund des Systems (er hält Geheimnisse womöglich im Klartext oder gar nicht); trayclock lehnt ihn ab. Entfernen Sie diese Einstellung und {hint}.</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="240"/>
        <source>the {keyring} keyring named by {origin} does not answer ({said}); {hint}</source>
        <translation>der Schlüsselbund {keyring}, den {origin} nennt, antwortet nicht ({said}); {hint}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="243"/>
        <source>no OS keyring is available ({said}); trayclock keeps passwords and tokens only there and never in a file: {hint}</source>
        <translation>kein Schlüsselbund des Systems ist verfügbar ({said}); trayclock bewahrt Passwörter und Tokens nur dort auf, nie in einer Datei: {hint}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="248"/>
        <source>the environment variable {name}</source>
        <translation>die Umgebungsvariable {name}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="249"/>
        <source>keyring&apos;s config file {path}</source>
        <translation>die Konfigurationsdatei {path} von keyring</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="250"/>
        <source>install a Secret Service keyring (GNOME Keyring: `apt install gnome-keyring`, or KDE&apos;s KWallet) and let your desktop session start it</source>
        <translation>installieren Sie einen Secret-Service-Schlüsselbund (GNOME Keyring: `apt install gnome-keyring`, oder KWallet von KDE) und lassen Sie ihn von Ihrer Desktop-Sitzung starten</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="255"/>
        <source>use the macOS Keychain of a logged-in user (Keychain Access)</source>
        <translation>nutzen Sie den macOS-Schlüsselbund eines angemeldeten Benutzers (Schlüsselbundverwaltung)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="258"/>
        <source>sign in to Windows normally (the Credential Locker needs a user session)</source>
        <translation>melden Sie sich normal bei Windows an (die Anmeldeinformationsverwaltung braucht eine Benutzersitzung)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="261"/>
        <source>{said}</source>
        <translation>„{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="262"/>
        <source>the record was modified in the meanwhile</source>
        <translation>der Datensatz wurde inzwischen geändert</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="265"/>
        <source>Tryton asks to slow down</source>
        <translation>Tryton bittet, langsamer zu senden</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="266"/>
        <source>Tryton asks for more to log in: {said}</source>
        <translation>Tryton verlangt mehr zur Anmeldung: „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="269"/>
        <source>Tryton lacks modules trayclock needs: {said}</source>
        <translation>Tryton fehlen Module, die trayclock braucht: {said}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="272"/>
        <source>Tryton failed: {said}</source>
        <translation>Tryton ist gescheitert: {said}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="273"/>
        <source>not a Tryton database name: &apos;{database}&apos;</source>
        <translation>kein Name einer Tryton-Datenbank: „{database}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="276"/>
        <source>Tryton answered the login with something else than a session</source>
        <translation>Tryton hat die Anmeldung mit etwas anderem als einer Sitzung beantwortet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="279"/>
        <source>Tryton answered get_preferences with something else</source>
        <translation>Tryton hat get_preferences mit etwas anderem beantwortet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="282"/>
        <source>Tryton forbids {method} to user {user} (HTTP 403)</source>
        <translation>Tryton verbietet Benutzer {user} den Aufruf {method} (HTTP 403)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="285"/>
        <source>Tryton refused user {user}&apos;s session right after a fresh login</source>
        <translation>Tryton hat die Sitzung von Benutzer {user} direkt nach einer neuen Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="288"/>
        <source>the certificate of {host} was refused: {said}</source>
        <translation>das Zertifikat von {host} wurde abgelehnt: {said}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="291"/>
        <source>Tryton at {url} did not answer within {seconds} s</source>
        <translation>Tryton unter {url} hat nicht innerhalb von {seconds} s geantwortet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="294"/>
        <source>could not reach Tryton at {url}: {said}</source>
        <translation>Tryton unter {url} ist nicht erreichbar: {said}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="297"/>
        <source>Tryton refused the login of user {user} to {database} (wrong user name or password?)</source>
        <translation>Tryton hat die Anmeldung von Benutzer {user} an {database} abgelehnt (falscher Benutzername oder falsches Passwort?)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="301"/>
        <source>Tryton at {url} has no database &apos;{database}&apos;</source>
        <translation>Tryton unter {url} hat keine Datenbank „{database}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="304"/>
        <source>Tryton answered HTTP {status}: {said}</source>
        <translation>Tryton hat mit HTTP {status} geantwortet: „{said}“</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="305"/>
        <source>{url} answered something else than JSON-RPC</source>
        <translation>{url} hat mit etwas anderem als JSON-RPC geantwortet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="308"/>
        <source>Tryton user {user} has no company</source>
        <translation>Tryton-Benutzer {user} hat kein Unternehmen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="309"/>
        <source>Tryton user {user} has no employee: timesheet lines need one</source>
        <translation>Tryton-Benutzer {user} hat keinen Mitarbeiter: Zeiterfassungszeilen brauchen einen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="312"/>
        <source>Tryton has no service product with code &apos;{code}&apos; (sold by the hour; trayclock&apos;s lines and invoices use it)</source>
        <translation>Tryton hat kein Dienstleistungsprodukt mit dem Code „{code}“ (nach Stunden verkauft; die Zeilen und Rechnungen von trayclock verwenden es)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="317"/>
        <source>customer {customer} has no Tryton project yet</source>
        <translation>Kunde {customer} hat noch kein Tryton-Projekt</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="320"/>
        <source>the Tryton project {projects} is gone or takes no timesheet lines: sync the customer again</source>
        <translation>das Tryton-Projekt {projects} gibt es nicht mehr oder es nimmt keine Zeiterfassungszeilen an: gleichen Sie den Kunden erneut ab</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="325"/>
        <source>Tryton refused a line of a batch of {count}, so none was made (send them one by one to find it): {cause}</source>
        <translation>Tryton hat eine Zeile eines Stapels von {count} abgelehnt, daher wurde keine angelegt (einzeln senden, um sie zu finden): {cause}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="330"/>
        <source>timesheet line {line} was changed in Tryton since trayclock wrote it</source>
        <translation>Zeiterfassungszeile {line} wurde in Tryton geändert, seit trayclock sie geschrieben hat</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="333"/>
        <source>timesheet line {line} keeps changing in Tryton</source>
        <translation>Zeiterfassungszeile {line} ändert sich in Tryton immer wieder</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="336"/>
        <source>timesheet line {line} is invoiced in Tryton; its {fields} cannot change</source>
        <translation>Zeiterfassungszeile {line} ist in Tryton in Rechnung gestellt; ihre Felder {fields} ändern sich nicht mehr</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="339"/>
        <source>timesheet line {line} is invoiced in Tryton and cannot be deleted</source>
        <translation>Zeiterfassungszeile {line} ist in Tryton in Rechnung gestellt und lässt sich nicht löschen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="342"/>
        <source>timesheet line {line} was deleted in Tryton</source>
        <translation>Zeiterfassungszeile {line} wurde in Tryton gelöscht</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="345"/>
        <source>Tryton has {count} parties named &apos;{name}&apos; (ids {ids}): choose one for this customer in the settings</source>
        <translation>Tryton hat {count} Parteien namens „{name}“ (IDs {ids}): wählen Sie in den Einstellungen eine für diesen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="350"/>
        <source>customer &apos;{customer}&apos; has no priced entries in {month}</source>
        <translation>Kunde „{customer}“ hat im {month} keine berechneten Einträge</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="353"/>
        <source>{count} entries of {customer} in this month are not in Tryton yet (submit and `trayclock sync` first): {entries}</source>
        <translation>{count} Einträge von {customer} in diesem Monat sind noch nicht in Tryton (zuerst übermitteln und `trayclock sync`): {entries}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="358"/>
        <source>entry {entry} starts on {day}, not in {month}</source>
        <translation>Eintrag {entry} beginnt am {day}, nicht im {month}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="361"/>
        <source>entry {entry} is listed twice</source>
        <translation>Eintrag {entry} ist doppelt aufgeführt</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="362"/>
        <source>entry {entry}: amount {amount} is not cents</source>
        <translation>Eintrag {entry}: Betrag {amount} ist nicht auf Cent genau</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="365"/>
        <source>Tryton&apos;s company invoices in {theirs}, trayclock priced in {ours}</source>
        <translation>das Unternehmen in Tryton rechnet in {theirs} ab, trayclock hat in {ours} berechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="368"/>
        <source>the Tryton project {project} of {customer} is gone or has no party or timesheet: sync the customer again</source>
        <translation>das Tryton-Projekt {project} von {customer} gibt es nicht mehr oder es hat keine Partei oder Zeiterfassung: gleichen Sie den Kunden erneut ab</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="373"/>
        <source>the invoice for {customer} {month} is already {state} in Tryton (number {number}): correct it there, with a credit note if it was posted</source>
        <translation>die Rechnung für {customer} {month} ist in Tryton bereits im Zustand {state} (Nummer {number}): korrigieren Sie sie dort, mit einer Gutschrift, falls sie gebucht ist</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="378"/>
        <source>Tryton holds {count} draft invoices for {customer} {month} (ids {ids}): delete all but one</source>
        <translation>Tryton hat {count} Rechnungsentwürfe für {customer} {month} (IDs {ids}): löschen Sie alle bis auf einen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="383"/>
        <source>{count} entries are not in Tryton yet (sync first): {entries}</source>
        <translation>{count} Einträge sind noch nicht in Tryton (zuerst synchronisieren): {entries}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="386"/>
        <source>Tryton holds {count} timesheet lines of {customer} up to {last} that are not invoiced and not priced here: {lines} — invoice their month first, or remove them</source>
        <translation>Tryton hat {count} Zeiterfassungszeilen von {customer} bis {last}, die weder in Rechnung gestellt noch hier berechnet sind: {lines} — stellen Sie zuerst deren Monat in Rechnung oder entfernen Sie sie</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="391"/>
        <source>entries of {customer} {month} are already on invoice {number} ({state}) in Tryton</source>
        <translation>Einträge von {customer} {month} stehen in Tryton bereits auf Rechnung {number} ({state})</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="395"/>
        <source>Tryton has no receivable account for customer invoices</source>
        <translation>Tryton hat kein Forderungskonto für Kundenrechnungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="398"/>
        <source>Tryton&apos;s product trayclock-support has no category with a revenue account</source>
        <translation>das Produkt trayclock-support in Tryton hat keine Kategorie mit einem Erlöskonto</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="401"/>
        <source>Kimai has no customer custom field &apos;{field}&apos; (or the customer is gone): create it in Kimai&apos;s custom fields for customers so partner IDs can be shared with the team</source>
        <translation>Kimai hat kein eigenes Kundenfeld „{field}“ (oder der Kunde ist weg): legen Sie es in den eigenen Feldern für Kunden in Kimai an, damit Partner-IDs mit dem Team geteilt werden können</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="406"/>
        <source>Kimai timesheet {line} was deleted in Kimai</source>
        <translation>Kimai-Zeiteintrag {line} wurde in Kimai gelöscht</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="409"/>
        <source>Kimai timesheet {line} was changed in Kimai since trayclock wrote it</source>
        <translation>Kimai-Zeiteintrag {line} wurde in Kimai geändert, seit trayclock ihn geschrieben hat</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="412"/>
        <source>Kimai timesheet {line} is exported (invoiced): not deleted</source>
        <translation>Kimai-Zeiteintrag {line} ist exportiert (in Rechnung gestellt): nicht gelöscht</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="415"/>
        <source>Kimai timesheet {line} was changed in Kimai since trayclock wrote it: not deleted</source>
        <translation>Kimai-Zeiteintrag {line} wurde in Kimai geändert, seit trayclock ihn geschrieben hat: nicht gelöscht</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="419"/>
        <source>Kimai timesheet {line} is exported (invoiced) and locked in Kimai: trayclock&apos;s change was not written</source>
        <translation>Kimai-Zeiteintrag {line} ist exportiert (in Rechnung gestellt) und in Kimai gesperrt: die Änderung von trayclock wurde nicht geschrieben</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="424"/>
        <source>customer &apos;{customer}&apos; has no Kimai project yet (sync its customer first)</source>
        <translation>Kunde „{customer}“ hat noch kein Kimai-Projekt (gleichen Sie zuerst den Kunden ab)</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="428"/>
        <source>Kimai answered a timesheet without an id: {said}</source>
        <translation>Kimai hat einen Zeiteintrag ohne ID geliefert: {said}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="431"/>
        <source>Kimai did not name a time zone trayclock knows for its user (&apos;{zone}&apos;): set one in the user&apos;s Kimai preferences</source>
        <translation>Kimai hat für seinen Benutzer keine Zeitzone genannt, die trayclock kennt („{zone}“): legen Sie eine in den Kimai-Einstellungen des Benutzers fest</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="436"/>
        <source>{request}: Kimai answered {said}</source>
        <translation>{request}: Kimai hat geantwortet: {said}</translation>
    </message>
    <message>
        <location filename="../../trayclock/sync/reasons.py" line="439"/>
        <source>{code} ({values})</source>
        <translation>{code} ({values})</translation>
    </message>
</context>
<context>
    <name>SyncTray</name>
    <message>
        <location filename="../../trayclock/ui/sync_tray.py" line="36"/>
        <source>Enter the {secret}…</source>
        <translation>{secret} eingeben…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_tray.py" line="41"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_tray.py" line="50"/>
        <source>Click here to enter it again.</source>
        <translation>Klicken Sie hier, um es neu einzugeben.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_tray.py" line="52"/>
        <source>Enter it again from the tray menu.</source>
        <translation>Geben Sie es über das Tray-Menü neu ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_tray.py" line="55"/>
        <source>Sync paused</source>
        <translation>Synchronisation angehalten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_tray.py" line="58"/>
        <source>Enter password</source>
        <translation>Passwort eingeben</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="60"/>
        <source>the webhook</source>
        <translation>der Webhook</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="67"/>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="69"/>
        <source>signing secret</source>
        <translation>Signaturgeheimnis</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="70"/>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="105"/>
        <source>{backend} refused the {secret}; enter it again</source>
        <translation>{backend} hat das {secret} abgelehnt; bitte neu eingeben</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="109"/>
        <source>check the backend settings ({detail})</source>
        <translation>prüfen Sie die Backend-Einstellungen ({detail})</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="113"/>
        <source>the keyring is locked or missing ({detail})</source>
        <translation>der Schlüsselbund ist gesperrt oder fehlt ({detail})</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="127"/>
        <source>Sync problem: {detail}</source>
        <translation>Sync-Problem: {detail}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="133"/>
        <source>no answer, next try {time}</source>
        <translation>keine Antwort, nächster Versuch {time}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="137"/>
        <source>asked to wait until {time}</source>
        <translation>soll bis {time} warten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="143"/>
        <source>Sync: up to date</source>
        <translation>Sync: aktuell</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="144"/>
        <source>Sync: up to date, {time}</source>
        <translation>Sync: aktuell, {time}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="147"/>
        <source>Sync: no backend set up</source>
        <translation>Sync: kein Backend eingerichtet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="155"/>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="156"/>
        <source>synced</source>
        <translation>übertragen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="157"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="158"/>
        <source>failed</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="159"/>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="160"/>
        <source>invoiced</source>
        <translation>in Rechnung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="181"/>
        <location filename="../../trayclock/ui/sync_words.py" line="235"/>
        <source>the backend</source>
        <translation>das Backend</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="185"/>
        <source>Queued: waits to be sent to {backend}.</source>
        <translation>Eingereiht: wartet auf den Versand an {backend}.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="189"/>
        <source>Synced: {backend} holds this entry as it is.</source>
        <translation>Übertragen: {backend} hat diesen Eintrag, wie er ist.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="193"/>
        <source>Changed since it was sent: waits to be sent to {backend} again.</source>
        <translation>Seit dem Versand geändert: wartet auf den erneuten Versand an {backend}.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="197"/>
        <source>{backend} refused it: {message}</source>
        <translation>{backend} hat ihn abgelehnt: {message}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="204"/>
        <source>Not submitted yet: Submit day queues it for sync.</source>
        <translation>Noch nicht übermittelt: „Tag übermitteln“ reiht ihn zur Synchronisation ein.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="215"/>
        <source>Conflict with {backend}: {message}.</source>
        <translation>Konflikt mit {backend}: {message}.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="217"/>
        <source>Conflict: line {line} is invoiced in {backend}, so its times and customer no longer change there.</source>
        <translation>Konflikt: Zeile {line} ist in {backend} in Rechnung gestellt; ihre Zeiten und ihr Kunde ändern sich dort nicht mehr.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="223"/>
        <source>Conflict: line {line} was changed in {backend} since trayclock wrote it.</source>
        <translation>Konflikt: Zeile {line} wurde in {backend} geändert, seit trayclock sie geschrieben hat.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="226"/>
        <source>Keep mine writes trayclock&apos;s values over it; Take theirs makes this entry match it.</source>
        <translation>„Meine behalten“ schreibt die Werte von trayclock darüber; „Ihre übernehmen“ gleicht diesen Eintrag daran an.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/sync_words.py" line="236"/>
        <source>Invoiced in {backend}: its times, customer and billability are locked (its ticket and notes still change); correct the invoice there first.</source>
        <translation>In {backend} in Rechnung gestellt: Zeiten, Kunde und Abrechenbarkeit sind gesperrt (Ticket und Notizen lassen sich noch ändern); korrigieren Sie zuerst die Rechnung dort.</translation>
    </message>
</context>
<context>
    <name>TermsForm</name>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="55"/>
        <source>Own rules (empty: the company&apos;s, shown in grey)</source>
        <translation>Eigene Regeln (leer: die der Firma, grau angezeigt)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="59"/>
        <source>never hold for review</source>
        <translation>nie zur Prüfung zurückhalten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="80"/>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="84"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="85"/>
        <source>hours bank (prepaid, once)</source>
        <translation>Stundenkontingent (einmalig)</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="86"/>
        <source>monthly quota</source>
        <translation>Monatskontingent</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="97"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="98"/>
        <source>Included hours</source>
        <translation>Enthaltene Stunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="103"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="134"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="140"/>
        <source>as the company: %1</source>
        <translation>wie die Firma: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="148"/>
        <source>Also kept as they are: %1</source>
        <translation>Außerdem unverändert: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="159"/>
        <source>Cannot price the contract: %1</source>
        <translation>Vertrag kann nicht berechnet werden: %1</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="161"/>
        <source>No contract: every billed minute is charged.</source>
        <translation>Kein Vertrag: jede abgerechnete Minute wird berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="164"/>
        <source>Left now: %1 h of %2 h this month. Drawn this month: %3 h.</source>
        <translation>Jetzt übrig: %1 h von %2 h in diesem Monat. Verbraucht in diesem Monat: %3 h.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="166"/>
        <source>Left now: %1 h of %2 h. Drawn this month: %3 h.</source>
        <translation>Jetzt übrig: %1 h von %2 h. Verbraucht in diesem Monat: %3 h.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/customers/terms.py" line="184"/>
        <source>A customer needs a name.</source>
        <translation>Ein Kunde braucht einen Namen.</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message numerus="yes">
        <location filename="../../trayclock/ui/review/timeline.py" line="351"/>
        <source>%n at once</source>
        <translation>
            <numerusform>%n gleichzeitig</numerusform>
            <numerusform>%n gleichzeitig</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="406"/>
        <source>? no customer</source>
        <translation>? kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="411"/>
        <source>⚠ approve</source>
        <translation>⚠ genehmigen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="413"/>
        <source>attach!</source>
        <translation>zuordnen!</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="417"/>
        <location filename="../../trayclock/ui/review/timeline.py" line="498"/>
        <source>after hours</source>
        <translation>außerhalb der Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="497"/>
        <source>business hours</source>
        <translation>Geschäftszeit</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="502"/>
        <location filename="../../trayclock/ui/review/timeline.py" line="617"/>
        <source>no customer</source>
        <translation>kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="507"/>
        <source>awaits approval</source>
        <translation>wartet auf Genehmigung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="509"/>
        <source>overlap</source>
        <translation>Überschneidung</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="513"/>
        <source>non-billable / merged</source>
        <translation>nicht abrechenbar / zusammengeführt</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="522"/>
        <source>pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="523"/>
        <source>idle, suggested</source>
        <translation>ohne Eingabe, vorgeschlagen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/timeline.py" line="623"/>
        <source>overlaps another session</source>
        <translation>überschneidet sich mit einer anderen Sitzung</translation>
    </message>
</context>
<context>
    <name>TotalsTable</name>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="41"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="42"/>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="43"/>
        <source>Billed</source>
        <translation>Abgerechnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="44"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="45"/>
        <source>From contract</source>
        <translation>Aus Kontingent</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="46"/>
        <source>Contract left</source>
        <translation>Restkontingent</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="47"/>
        <source>To review</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="70"/>
        <source>No customer yet</source>
        <translation>Noch kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="82"/>
        <source>Day total</source>
        <translation>Tagessumme</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/review/totals.py" line="82"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="178"/>
        <source>{customer}: session attached</source>
        <translation>{customer}: Sitzung zugeordnet</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="187"/>
        <source>Company policy: split — the shared time is divided between them.</source>
        <translation>Firmenregel: teilen — die gemeinsame Zeit wird aufgeteilt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="189"/>
        <source>Company policy: bill each — each is billed the full shared time.</source>
        <translation>Firmenregel: jeder zahlt — jedem wird die ganze gemeinsame Zeit berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="191"/>
        <source>Two customers at once</source>
        <translation>Zwei Kunden gleichzeitig</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="192"/>
        <source>{a} and {b} are both running.</source>
        <translation>{a} und {b} laufen beide.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="195"/>
        <source>{some} and {last} are running at the same time.</source>
        <translation>{some} und {last} laufen gleichzeitig.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="202"/>
        <source>Two sessions for {customer}</source>
        <translation>Zwei Sitzungen für {customer}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="203"/>
        <source>They overlap; the shared time is billed once.</source>
        <translation>Sie überschneiden sich; die gemeinsame Zeit wird einmal berechnet.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="207"/>
        <source>trayclock could not do that</source>
        <translation>trayclock konnte das nicht ausführen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="282"/>
        <source>The log folder did not open</source>
        <translation>Der Protokollordner ließ sich nicht öffnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="283"/>
        <source>No file manager took it. Its place is listed under &quot;About trayclock&quot;.</source>
        <translation>Kein Dateimanager hat ihn geöffnet. Wo er liegt, steht unter „Über trayclock“.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="299"/>
        <source>Diagnostics copied</source>
        <translation>Diagnose kopiert</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="301"/>
        <source>The report is on the clipboard, ready to paste into a message to support. It holds no passwords, tokens or other secrets.</source>
        <translation>Der Bericht liegt in der Zwischenablage und kann in eine Nachricht an den Support eingefügt werden. Er enthält keine Passwörter, Tokens oder anderen Geheimnisse.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="271"/>
        <source>Not available yet</source>
        <translation>Noch nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="272"/>
        <source>This window is not part of this version of trayclock yet.</source>
        <translation>Dieses Fenster ist in dieser trayclock-Version noch nicht enthalten.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray.py" line="194"/>
        <source>%n customers at once</source>
        <translation>
            <numerusform>%n Kunde gleichzeitig</numerusform>
            <numerusform>%n Kunden gleichzeitig</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="168"/>
        <source>{app} {partner} is known.</source>
        <translation>{app} {partner} ist bekannt.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="173"/>
        <source>Click here to change the customer.</source>
        <translation>Hier klicken, um den Kunden zu ändern.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="175"/>
        <source>To change the customer, use the tray menu.</source>
        <translation>Den Kunden ändern Sie über das Menü im Infobereich.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray.py" line="181"/>
        <source>Change customer</source>
        <translation>Kunden ändern</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="96"/>
        <source>Running sessions</source>
        <translation>Laufende Sitzungen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="96"/>
        <source>No session running</source>
        <translation>Keine Sitzung läuft</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="104"/>
        <source>Ended, waiting for a customer</source>
        <translation>Beendet, wartet auf einen Kunden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="112"/>
        <source>Start manual timer</source>
        <translation>Manuellen Timer starten</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="117"/>
        <source>Stop manual timer ({elapsed})</source>
        <translation>Manuellen Timer stoppen ({elapsed})</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="123"/>
        <source>Today so far: {total}</source>
        <translation>Heute bisher: {total}</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="129"/>
        <source>Review day…</source>
        <translation>Tag prüfen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="130"/>
        <source>Customers…</source>
        <translation>Kunden…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="131"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="144"/>
        <source>Pause detection</source>
        <translation>Erkennung pausieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="150"/>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="151"/>
        <source>Copy diagnostics</source>
        <translation>Diagnose kopieren</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="152"/>
        <source>About trayclock</source>
        <translation>Über trayclock</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="154"/>
        <source>Quit trayclock</source>
        <translation>trayclock beenden</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="176"/>
        <source>Attach customer…</source>
        <translation>Kunden zuordnen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="176"/>
        <source>Change customer…</source>
        <translation>Kunden ändern…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="184"/>
        <source>Add note…</source>
        <translation>Notiz hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="185"/>
        <source>Ticket…</source>
        <translation>Ticket…</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="190"/>
        <source>Non-billable</source>
        <translation>Nicht abrechenbar</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="196"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="204"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="204"/>
        <source>What did you do?</source>
        <translation>Was haben Sie gemacht?</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="214"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_menu.py" line="214"/>
        <source>Ticket number:</source>
        <translation>Ticketnummer:</translation>
    </message>
</context>
<context>
    <name>TrayTooltip</name>
    <message>
        <location filename="../../trayclock/ui/tray_tooltip.py" line="57"/>
        <source>Detection paused: new sessions are not recorded</source>
        <translation>Erkennung pausiert: neue Sitzungen werden nicht erfasst</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_tooltip.py" line="59"/>
        <source>No session running</source>
        <translation>Keine Sitzung läuft</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/tray_tooltip.py" line="63"/>
        <source>Today so far: {total}</source>
        <translation>Heute bisher: {total}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray_tooltip.py" line="68"/>
        <source>%n ended session(s) wait for a customer</source>
        <translation>
            <numerusform>%n beendete Sitzung wartet auf einen Kunden</numerusform>
            <numerusform>%n beendete Sitzungen warten auf einen Kunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../trayclock/ui/tray_tooltip.py" line="72"/>
        <source>%n idle stretch(es) to answer: see the menu</source>
        <translation>
            <numerusform>%n Zeitspanne ohne Eingabe zu beantworten: siehe Menü</numerusform>
            <numerusform>%n Zeitspannen ohne Eingabe zu beantworten: siehe Menü</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../trayclock/app.py" line="304"/>
        <source>trayclock is already running, but it does not answer. Look for its icon in the system tray, or end it and start trayclock again.</source>
        <translation>trayclock läuft bereits, antwortet aber nicht. Suchen Sie das Symbol im Infobereich, oder beenden Sie trayclock und starten Sie es neu.</translation>
    </message>
    <message>
        <location filename="../../trayclock/app.py" line="312"/>
        <source>trayclock could not start: {problem}</source>
        <translation>trayclock konnte nicht starten: {problem}</translation>
    </message>
</context>
<context>
    <name>formats</name>
    <message>
        <location filename="../../trayclock/ui/formats.py" line="34"/>
        <source>dddd d MMMM yyyy</source>
        <comment>a QLocale date format</comment>
        <translation>dddd, d. MMMM yyyy</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/formats.py" line="41"/>
        <source>dddd d MMMM</source>
        <comment>a QLocale date format</comment>
        <translation>dddd, d. MMMM</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/formats.py" line="59"/>
        <source>d MMM</source>
        <comment>a QLocale date format</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/formats.py" line="60"/>
        <source>d MMM yyyy</source>
        <comment>a QLocale date format</comment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/formats.py" line="24"/>
        <source>ddd d MMM yyyy</source>
        <comment>a QLocale date format</comment>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/formats.py" line="51"/>
        <source>ddd d</source>
        <comment>a QLocale date format</comment>
        <translation>ddd, d.</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="19"/>
        <source>Manual timer</source>
        <translation>Manueller Timer</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="38"/>
        <source>an unknown partner</source>
        <translation>einem unbekannten Partner</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="75"/>
        <source>no customer yet</source>
        <translation>Noch kein Kunde</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="50"/>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="52"/>
        <source>0 min</source>
        <translation>0 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="56"/>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="58"/>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <location filename="../../trayclock/ui/texts.py" line="60"/>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
</context>
</TS>
