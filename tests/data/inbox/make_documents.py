"""Writes the attachment fixtures with independent writers: a .docx by
python-docx (Word's own styles: Heading 1, List Bullet, bold and italic
runs) and an .odt by odfpy (as LibreOffice writes it: a heading, a list, a
bold span through an automatic style), and a message carrying both.

Run from this folder with python-docx and odfpy installed
(pip install python-docx odfpy); the files are committed."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
import io

import docx
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import H, List, ListItem, P, Span

word = docx.Document()
word.add_heading("Innspill fra Asker kommune", level=1)
p = word.add_paragraph("Asker har vedtatt ")
p.add_run("ny næringsplan").bold = True
p.add_run(" i ")
p.add_run("oktober").italic = True
p.add_run(".")
word.add_paragraph("Kompetanse og rekruttering", style="List Bullet")
word.add_paragraph("Areal til næring", style="List Bullet")
word.add_heading("Sámi", level=2)
word.add_paragraph("Áššit: čđŋšŧž.")
buffer = io.BytesIO()
word.save(buffer)
docx_bytes = buffer.getvalue()
with open("innspill.docx", "wb") as out:
    out.write(docx_bytes)

odt = OpenDocumentText()
bold = Style(name="T1", family="text")
bold.addElement(TextProperties(fontweight="bold"))
odt.automaticstyles.addElement(bold)
odt.text.addElement(H(outlinelevel=1, text="Innspill fra Drammen kommune"))
para = P(text="Drammen satser på ")
para.addElement(Span(stylename=bold, text="Lierstranda"))
para.addText(".")
odt.text.addElement(para)
items = List()
for text in ["Næringsarealer", "Samferdsel"]:
    item = ListItem()
    item.addElement(P(text=text))
    items.addElement(item)
odt.text.addElement(items)
buffer = io.BytesIO()
odt.write(buffer)
odt_bytes = buffer.getvalue()
with open("innspill.odt", "wb") as out:
    out.write(odt_bytes)

m = EmailMessage(policy=SMTP)
m["From"] = Address("Siri Ødegård", "siri.odegard", "asker.kommune.no")
m["To"] = Address("Sekretariatet for Osloregionen", "karoline.bakke", "osloregionen.no")
m["Subject"] = "Innspill som vedlegg"
m["Date"] = "Fri, 08 Nov 2024 10:00:00 +0100"
m["Message-ID"] = "<docx-1@asker.kommune.no>"
m.set_content("Vedlagt.\n")
m.add_attachment(
    docx_bytes,
    maintype="application",
    subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
    filename="innspill.docx",
)
m.add_attachment(odt_bytes, maintype="application", subtype="vnd.oasis.opendocument.text", filename="innspill.odt")
with open("office-attachments.eml", "wb") as out:
    out.write(m.as_bytes())
