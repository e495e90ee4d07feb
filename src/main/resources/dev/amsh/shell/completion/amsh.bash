# bash completion for amsh. Load it with: source <(amsh completion bash)
# or install it: amsh completion bash > ~/.local/share/bash-completion/completions/amsh
#
# amsh answers: `amsh [--catalog ...] __complete LINE` prints the candidates for LINE, typed up to
# the cursor, one per line. Where it has none (a file argument), bash completes file names.
_amsh() {
    local line=${COMP_LINE:0:COMP_POINT}
    local cur=${COMP_WORDS[COMP_CWORD]}
    local -a words global=()
    read -ra words <<< "$line"
    # The catalog options before the command choose the catalog the candidates come from.
    local i=1
    while (( i < ${#words[@]} )); do
        case ${words[i]} in
            --catalog|--catalog-url) global+=("${words[i]}" "${words[i+1]}"); (( i += 2 )) ;;
            --catalog=*|--catalog-url=*) global+=("${words[i]}"); (( i += 1 )) ;;
            --debug) (( i += 1 )) ;;
            *) break ;;
        esac
    done
    # amsh's word at the cursor starts after the last blank; bash's may start later, after a ':'
    # or '=' (COMP_WORDBREAKS): each candidate loses what bash does not replace.
    local word=${line##*[[:blank:]]}
    local cut=$(( ${#word} - ${#cur} ))
    (( cut < 0 )) && cut=0
    local candidate
    COMPREPLY=()
    while IFS= read -r candidate; do
        COMPREPLY+=("${candidate:cut}")
    done < <("${COMP_WORDS[0]}" "${global[@]}" __complete "$line" 2>/dev/null)
}
complete -o default -F _amsh amsh
