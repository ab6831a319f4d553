"""The version of what the attachment checks find: cached facts of another version are not used.
Bump it when what `inspect.facts` finds changes. (Apart from `inspect`, so that judging cached
facts, which every build does, loads none of the readers of PDFs, pictures and audio.)"""
VERSION = 7
