/* Debug engine test program: linked structures, strings, 2-D arrays, pointer arithmetic, a switch
 * and a callback with a struct passed by value, to exercise locals across blocks. */
#include <stddef.h>

struct node {
    int key;
    struct node *left, *right;
};

struct point { short x, y; };

struct node pool[7];
char names[3][6] = { "el1", "el2", "el3" };
const char *banner = "list";
int visited;

static struct node *insert(struct node *root, struct node *n) {
    if (root == NULL) {
        return n;
    }
    if (n->key < root->key) {
        root->left = insert(root->left, n);
    } else {
        root->right = insert(root->right, n);
    }
    return root;
}

static int walk(const struct node *t, int depth) {
    if (t == NULL) {
        return 0;
    }
    visited++;
    int l = walk(t->left, depth + 1);
    int r = walk(t->right, depth + 1);
    return t->key + l + r + depth;
}

static int classify(struct point p) {
    switch ((p.x > 0) * 2 + (p.y > 0)) {
    case 3:
        return 1;
    case 2:
        return 4;
    case 1:
        return 2;
    default:
        return 3;
    }
}

int main(void) {
    static const int keys[7] = { 40, 20, 60, 10, 30, 50, 70 };
    struct node *root = NULL;
    for (int i = 0; i < 7; i++) {
        pool[i].key = keys[i];
        root = insert(root, &pool[i]);
    }
    int total = walk(root, 0);
    struct point pts[2] = { { 3, -4 }, { -1, 2 } };
    int q = 0;
    for (size_t i = 0; i < 2; i++) {
        q += classify(pts[i]);
    }
    char *p = &names[1][0];
    total += p[1] + q;
    return total & 0x7f;
}
