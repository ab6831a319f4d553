"""Files: the content tree, the staged allow-list tree, the site folder, the copy store."""
