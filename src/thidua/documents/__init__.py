"""Official papers in the Decree 30/2020 format: templates, numbering at signature, .docx/.pdf, certificates."""
