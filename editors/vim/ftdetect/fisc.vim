" ftdetect/fisc.vim: *.fisc files are fisc budgets.
autocmd BufRead,BufNewFile *.fisc setfiletype fisc
